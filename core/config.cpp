#include "core/config.hpp"

namespace placesim {

// Default coupling: how a need above the coupling onset in one domain feeds another, per day.
// The pairs follow the pathways named in MODEL.md section 3 (debt -> mental health -> work and
// substances; housing -> health and family; ...). Every row sums to at most 0.004/day, below
// the slowest recovery (recovery_rate x the resilience floor 0.5 = 0.005/day), so without
// shocks and causes every need decays to zero: coupling amplifies trouble, it cannot create
// it. See docs/model.md, Submodels: life.
LifeParams::LifeParams() {
  auto set = [this](Domain to, Domain from, double v) { coupling[to][from] = v; };
  set(Mental, Money, 0.0012);
  set(Mental, Substances, 0.0008);
  set(Mental, Family, 0.0008);
  set(Mental, Connection, 0.0006);
  set(Mental, Health, 0.0006);
  set(Housing, Money, 0.0015);
  set(Work, Mental, 0.0012);
  set(Work, Health, 0.0010);
  set(Substances, Mental, 0.0010);
  set(Connection, Mental, 0.0012);
  set(Health, Housing, 0.0010);
  set(Health, Substances, 0.0008);
  set(Family, Housing, 0.0010);
  set(Family, Substances, 0.0012);
  set(Family, Mental, 0.0008);
  set(Money, Work, 0.0015);
  set(Money, Substances, 0.0008);
}

}  // namespace placesim
