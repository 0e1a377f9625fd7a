#pragma once
// Checked HDF5 writing (C API over H5Handle): every call that can fail is checked, and a
// failure throws OutputError naming the output file and what was being written. The file is
// built in memory and written to disk by OutputTarget, whose write() errors carry the
// operating system's reason ("No space left on device writing out/x.h5"). Used by every HDF5
// writer.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/h5_handle.hpp"
#include "sim/output_target.hpp"

namespace placesim {

template <class T>
hid_t h5_native_type() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, float>)
    return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) == 1)
    return H5T_NATIVE_INT8;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) == 2)
    return H5T_NATIVE_INT16;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) == 4)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) == 8)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 1)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 2)
    return H5T_NATIVE_UINT16;
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 4)
    return H5T_NATIVE_UINT32;
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 8)
    return H5T_NATIVE_UINT64;
  else
    static_assert(sizeof(T) == 0, "no HDF5 type for this C++ type");
}

// The bytes of a finished HDF5 file.
struct FileImage {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
};

// A compound (record) table built column by column, then written in one go by
// H5Writer::create_table: 64-bit integers, doubles, bytes and fixed-length UTF-8 strings, so
// pandas.DataFrame(h5py.File(p)[name][:]) reads it as it is.
class H5Table {
 public:
  enum class Type { I64, F64, U8, Str };
  // A string column holds up to `str_len` bytes (longer values are cut).
  void add(std::string name, Type type, std::size_t str_len = 0);
  // Sets the number of rows, all zero (empty strings).
  void resize(std::size_t rows);
  void set_i64(std::size_t row, std::size_t col, std::int64_t v);
  void set_f64(std::size_t row, std::size_t col, double v);
  void set_u8(std::size_t row, std::size_t col, std::uint8_t v);
  void set_str(std::size_t row, std::size_t col, const std::string& v);

 private:
  friend class H5Writer;
  struct Column {
    std::string name;
    Type type;
    std::size_t offset, size;
  };
  std::uint8_t* at(std::size_t row, std::size_t col) {
    return data_.data() + row * row_size_ + cols_[col].offset;
  }
  std::vector<Column> cols_;
  std::size_t row_size_ = 0, rows_ = 0;
  std::vector<std::uint8_t> data_;
};

// Builds an HDF5 file in memory; finish() hands over its bytes for OutputTarget::write.
class H5Writer {
 public:
  // Messages call the file `shown` (the output's final name).
  explicit H5Writer(const std::string& shown);
  H5Writer(const H5Writer&) = delete;
  H5Writer& operator=(const H5Writer&) = delete;

  hid_t root() const { return file_.get(); }

  H5Handle create_group(hid_t loc, const std::string& name);
  void attr_string(hid_t obj, const std::string& name, const std::string& value);
  void attr_int32(hid_t obj, const std::string& name, std::int32_t value);
  void attr_int64(hid_t obj, const std::string& name, std::int64_t value);
  void attr_double(hid_t obj, const std::string& name, double value);

  // An n-dimensional array (row-major `data`, product of `dims` elements) with "units" and
  // "description" attributes; large arrays are chunked by rows and compressed.
  template <class T>
  H5Handle create_array(hid_t loc, const std::string& name, const std::vector<T>& data,
                        const std::vector<hsize_t>& dims, const std::string& unit,
                        const std::string& description) {
    return create_array(loc, name, h5_native_type<T>(), data.data(), data.size(), dims, unit,
                        description);
  }
  // The same, closed (and the close checked) at once.
  template <class T>
  void write_array(hid_t loc, const std::string& name, const std::vector<T>& data,
                   const std::vector<hsize_t>& dims, const std::string& unit,
                   const std::string& description) {
    H5Handle ds = create_array(loc, name, data, dims, unit, description);
    close(ds);
  }
  // A compound table; creation times are not stored, so the same table gives the same bytes.
  H5Handle create_table(hid_t loc, const std::string& name, const H5Table& table);
  // A 1-D array of variable-length UTF-8 strings, with "units" and "description".
  void write_strings(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                     const std::string& unit, const std::string& description);
  // The same, left open (to attach it to a dimension: sim/netcdf_dims.hpp).
  H5Handle create_strings(hid_t loc, const std::string& name,
                          const std::vector<std::string>& values, const std::string& unit,
                          const std::string& description);

  void make_scale(hid_t dataset, const std::string& name);
  void attach_scale(hid_t dataset, hid_t scale, unsigned dim);

  // Closes an object of this file and checks it (closing a dataset writes its cached data).
  void close(H5Handle& h);
  // Flushes and closes the file, checking both, and returns its bytes.
  FileImage finish();

  // Throws OutputError for a failure of `action`; `err` is errno right after the failed call.
  [[noreturn]] void fail(const std::string& action, int err) const;

 private:
  H5Handle create_array(hid_t loc, const std::string& name, hid_t type, const void* data,
                        std::size_t count, const std::vector<hsize_t>& dims,
                        const std::string& unit, const std::string& description);

  static constexpr std::size_t kCoreIncrement = std::size_t{8} << 20;  // memory grows by 8 MiB
  std::string shown_;
  H5Handle file_;
};

}  // namespace placesim
