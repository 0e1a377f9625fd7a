#pragma once
// In-memory time series of one run, declared with units and descriptions, written to HDF5 by
// sim/output_file.cpp. Rules never write here; only the observer does.
#include <cstdint>
#include <string>
#include <vector>

namespace placesim {

struct SeriesMeta {
  std::string name;
  std::string unit;
  std::string description;
};

class Recorder {
 public:
  // Declare a place-level series; returns its index.
  std::size_t declare(std::string name, std::string unit, std::string description);
  // Declare a per-neighbourhood series (tick x neighbourhood).
  std::size_t declare_nbhd(std::string name, std::string unit, std::string description);

  // Declare a per-unit series (tick x unit).
  std::size_t declare_unit(std::string name, std::string unit, std::string description);
  void push_unit(std::size_t series, const std::vector<double>& row) {
    unit_[series].insert(unit_[series].end(), row.begin(), row.end());
  }
  const std::vector<SeriesMeta>& unit_meta() const { return unit_meta_; }
  const std::vector<std::vector<double>>& unit_data() const { return unit_; }

  void set_neighbourhoods(std::size_t nb) { nb_ = nb; }
  std::size_t neighbourhoods() const { return nb_; }

  void push(std::size_t series, double v) { place_[series].push_back(v); }
  void push_nbhd(std::size_t series, const std::vector<double>& row) {
    nbhd_[series].insert(nbhd_[series].end(), row.begin(), row.end());
  }
  // Value of a place series at the latest tick; tests and the CLI read headline figures here.
  double last(const std::string& name) const;
  const std::vector<double>& series(const std::string& name) const;

  const std::vector<SeriesMeta>& place_meta() const { return place_meta_; }
  const std::vector<std::vector<double>>& place_data() const { return place_; }
  const std::vector<SeriesMeta>& nbhd_meta() const { return nbhd_meta_; }
  const std::vector<std::vector<double>>& nbhd_data() const { return nbhd_; }
  std::vector<std::int32_t> ticks;

  // Per-person series for a sample of citizens, every few days (row-major: sample_tick x person).
  std::vector<std::uint32_t> sample_ids;
  std::vector<std::int32_t> sample_ticks;
  std::vector<float> sample_cost;
  std::vector<float> sample_wellbeing;

 private:
  std::size_t nb_ = 0;
  std::vector<SeriesMeta> place_meta_;
  std::vector<std::vector<double>> place_;
  std::vector<SeriesMeta> nbhd_meta_;
  std::vector<std::vector<double>> nbhd_;
  std::vector<SeriesMeta> unit_meta_;
  std::vector<std::vector<double>> unit_;
};

}  // namespace placesim
