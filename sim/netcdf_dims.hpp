#pragma once
// netCDF-4 dimensions for placesim's HDF5 output (docs/output.md, "netCDF-4 conventions").
//
// xarray (engine "h5netcdf") and netCDF tools open one group at a time and take a dataset's
// dimensions from the HDF5 dimension scales its axes are attached to, looked up by the scale's
// name in that group first, then its parents. A scale in another group names the axis but gives
// it no values, and an axis with no scale at all is an error. So every group that holds data
// also holds its own coordinate variables: 1-D datasets, made dimension scales, named after
// their dimension ("tick", "unit", "citizen", ...), and every axis of every other dataset of the
// group is attached to one of them.
//
// Usage, for any writer (e.g. a dataset with a leading replicate dimension):
//   write_index_coordinate(w, g, "replicate", R, "1", "Replicate number (0-based).");
//   write_coordinate(w, g, "tick", ticks, "day", "Day of each row (0 = first day).");
//   write_variable(w, g, "queue_length", data, {R, T}, {"replicate", "tick"}, "case", "...");
// or, for a dataset made another way, attach_dims(w, dataset, {"replicate", "tick"}).
#include <cstddef>
#include <string>
#include <vector>

#include "sim/h5_writer.hpp"

namespace placesim {

// Writes `values` as the coordinate variable of dimension `name` in `group` (a 1-D dataset with
// units and description, made a dimension scale). Its length is the dimension's size.
template <class T>
void write_coordinate(H5Writer& w, hid_t group, const std::string& name,
                      const std::vector<T>& values, const std::string& units,
                      const std::string& description) {
  H5Handle ds = w.create_array(group, name, values, {values.size()}, units, description);
  w.make_scale(ds.get(), name);
  w.close(ds);
}

// The coordinate 0, 1, ..., n-1 (int32, or int64 beyond 2^31 - 1): row numbers, unit and
// neighbourhood indices, citizen ids.
void write_index_coordinate(H5Writer& w, hid_t group, const std::string& name, std::size_t n,
                            const std::string& units, const std::string& description);

// A dimension without coordinate values (netCDF-C's "dimension but not a variable"): a dimension
// scale of length n whose data is never written, so it takes no storage in the file and no
// memory while writing. For row numbers of long tables (cases, contacts, pulls), where a
// position needs no label; xarray shows the dimension with no coordinate.
inline constexpr const char* kDimensionNotVariable =
    "This is a netCDF dimension but not a netCDF variable.";
void write_dimension(H5Writer& w, hid_t group, const std::string& name, std::size_t n,
                     const std::string& description);

// A 1-D dataset of strings along dimension `dim` of `group` (an auxiliary coordinate such as
// unit_name: list it in the data's `coordinates` attribute, see set_coordinates).
void write_string_variable(H5Writer& w, hid_t group, const std::string& name,
                           const std::vector<std::string>& values, const std::string& dim,
                           const std::string& units, const std::string& description);

// Attaches axis i of `dataset` to the coordinate variable dims[i] of the dataset's own group.
// Throws OutputError if the rank differs from dims.size(), a coordinate is missing or is not a
// dimension scale, or its length differs from the axis.
void attach_dims(H5Writer& w, hid_t dataset, const std::vector<std::string>& dims);

// The CF `coordinates` attribute: auxiliary coordinate variables of the group (space-separated
// names, e.g. "unit_name") that label this dataset's axes; xarray makes them coordinates.
void set_coordinates(H5Writer& w, hid_t dataset, const std::string& names);

// create_array + attach_dims: the usual way to write data with labelled axes. Returns the open
// dataset (to add attributes); write_variable closes it.
template <class T>
H5Handle create_variable(H5Writer& w, hid_t group, const std::string& name,
                         const std::vector<T>& data, const std::vector<hsize_t>& shape,
                         const std::vector<std::string>& dims, const std::string& units,
                         const std::string& description) {
  H5Handle ds = w.create_array(group, name, data, shape, units, description);
  attach_dims(w, ds.get(), dims);
  return ds;
}
template <class T>
void write_variable(H5Writer& w, hid_t group, const std::string& name, const std::vector<T>& data,
                    const std::vector<hsize_t>& shape, const std::vector<std::string>& dims,
                    const std::string& units, const std::string& description) {
  H5Handle ds = create_variable(w, group, name, data, shape, dims, units, description);
  w.close(ds);
}

}  // namespace placesim
