#pragma once
// The contacts table and the pulls table of an arm (docs/output.md): one row per contact a
// person made and per expert pull a team asked for, so that any window, any person and any
// unit can be measured from one run after the fact.
#include "agents/service_system.hpp"
#include "sim/h5_writer.hpp"

namespace placesim {

// Writes /arms/<arm>/contacts and /arms/<arm>/pulls under `arm`.
void write_event_tables(H5Writer& w, hid_t arm, const ServiceSystem& sv, bool kept);

}  // namespace placesim
