#pragma once
// Observation of the service system (MODEL.md section 6): demand by kind, work by activity,
// queues and waits, cost, staff, and the system-health indicators computed from the state
// and the organisational network. Reads the model; never changes it.
#include <array>
#include <cstdint>
#include <vector>

#include "agents/service_system.hpp"
#include "sim/model.hpp"
#include "sim/recorder.hpp"

namespace placesim {

class ServiceObserver {
 public:
  ServiceObserver(const Model& m, Recorder& rec);
  void observe(const Model& m, const Citizens& c, const ServiceSystem& s, Recorder& rec) const;

 private:
  std::size_t contacts_value_, contacts_failure_, failure_share_, repeat_, chases_, opened_,
      closed_, open_, queue_, wait_, assessments_, referrals_, lost_, info_share_, pulls_, intros_,
      signposts_, members_, f2f_share_, service_cost_, staff_cost_, staff_in_post_, staff_left_,
      morale_, experience_, coverage_, team_staff_, frontline_, coproduction_, density_,
      collab_trust_, group_reach_, multi_agency_, resolved_, transactions_, spend_;
  // Windowed measures (rolling kWindows days, today included) beside the cumulative ones.
  static constexpr std::array<std::uint32_t, 2> kWindows = {90, 180};
  std::array<std::size_t, 2> multi_agency_w_{}, repeat_w_{}, repeat_people_w_{}, cost_w_{};
  std::size_t helped_, helped_people_;
  std::array<std::size_t, kActivities> hours_{};
  std::size_t u_hours_, u_queue_, u_staff_, u_cost_, u_closed_, u_opened_, u_started_, u_wait_sum_, u_contacts_, u_vacancies_;
};

}  // namespace placesim
