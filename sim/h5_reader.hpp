#pragma once
// Read-only access to placesim HDF5 output (run files and sweep summaries), for every reader.
// Opening a file validates it (HDF5, placesim output, compatible schema, finished) and every
// failure is an InputError whose message names the file, so the command line can print it and
// exit 2.
#include "sim/h5_handle.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace placesim {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One column of a compound table: numeric fields are converted to double, string fields kept.
struct TableColumn {
  std::string name;
  bool numeric = true;
  std::vector<double> values;
  std::vector<std::string> text;
};

class H5Reader {
 public:
  // Validates as described above; throws InputError.
  explicit H5Reader(const std::string& path);
  ~H5Reader();
  H5Reader(const H5Reader&) = delete;
  H5Reader& operator=(const H5Reader&) = delete;

  const std::string& path() const { return path_; }

  bool exists(const std::string& obj) const;
  bool is_group(const std::string& obj) const;
  bool is_dataset(const std::string& obj) const;
  // Names of the members of a group, in name order. Coordinate variables (datasets made HDF5
  // dimension scales: the tick, unit, citizen, ... axes a group carries for netCDF readers,
  // docs/output.md) label the data rather than being data, so they are left out unless asked
  // for: a reader listing a group's series never mistakes `tick` for one.
  enum class Coordinates { kSkip, kInclude };
  std::vector<std::string> children(const std::string& group,
                                    Coordinates coords = Coordinates::kSkip) const;
  // True for a dataset that is a coordinate variable (an HDF5 dimension scale).
  bool is_coordinate(const std::string& dataset) const;
  // The dimension of each axis of a dataset: the name of the dimension scale attached to it
  // (the last one, as netCDF readers take), or "" for an axis with none.
  std::vector<std::string> dim_names(const std::string& dataset) const;
  std::vector<std::uint64_t> dims(const std::string& dataset) const;
  // "int32", "float64", "compound", "string", ...
  std::string type_name(const std::string& dataset) const;
  // Any numeric dataset, flattened row-major and converted to double.
  std::vector<double> read_doubles(const std::string& dataset) const;
  // A 1-D dataset of strings (fixed or variable length).
  std::vector<std::string> read_strings(const std::string& dataset) const;
  // One element of a 1-D numeric dataset, without reading the rest; nullopt if out of range.
  std::optional<double> read_element(const std::string& dataset, std::uint64_t index) const;
  std::vector<TableColumn> read_table(const std::string& dataset) const;

  std::vector<std::string> attr_names(const std::string& obj) const;
  std::optional<std::string> attr_string(const std::string& obj, const std::string& name) const;
  std::optional<double> attr_number(const std::string& obj, const std::string& name) const;
  // Any attribute rendered as text (numbers, strings, small arrays), for inspect.
  std::optional<std::string> attr_text(const std::string& obj, const std::string& name) const;

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void check_schema() const;
  // The attribute, or an invalid handle when `obj` has none of that name.
  H5Handle open_attr(const std::string& obj, const std::string& name) const;
  // Every value of a numeric attribute as double; nullopt when it is missing or not numeric.
  std::optional<std::vector<double>> attr_numbers(const std::string& obj,
                                                  const std::string& name) const;
  std::string path_;
  H5Handle file_;
};

}  // namespace placesim
