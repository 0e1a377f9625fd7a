#include "sim/recorder.hpp"

#include <stdexcept>

namespace placesim {

std::size_t Recorder::declare(std::string name, std::string unit, std::string description) {
  place_meta_.push_back({std::move(name), std::move(unit), std::move(description)});
  place_.emplace_back();
  return place_.size() - 1;
}

std::size_t Recorder::declare_nbhd(std::string name, std::string unit, std::string description) {
  nbhd_meta_.push_back({std::move(name), std::move(unit), std::move(description)});
  nbhd_.emplace_back();
  return nbhd_.size() - 1;
}

std::size_t Recorder::declare_unit(std::string name, std::string unit, std::string description) {
  unit_meta_.push_back({std::move(name), std::move(unit), std::move(description)});
  unit_.emplace_back();
  return unit_.size() - 1;
}

const std::vector<double>& Recorder::series(const std::string& name) const {
  for (std::size_t i = 0; i < place_meta_.size(); ++i)
    if (place_meta_[i].name == name) return place_[i];
  throw std::out_of_range("no series named '" + name + "'");
}

double Recorder::last(const std::string& name) const {
  const auto& s = series(name);
  if (s.empty()) throw std::out_of_range("series '" + name + "' is empty");
  return s.back();
}

}  // namespace placesim
