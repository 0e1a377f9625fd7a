#pragma once
// The one RAII owner of an HDF5 identifier, used by the writer and the reader alike. HDF5's C
// API only: the C++ wrapper's destructors print and can crash when a close fails on a full disk.
#include <hdf5.h>

#include <string>

namespace placesim {

class H5Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  H5Handle() = default;
  H5Handle(hid_t id, Closer close) noexcept : id_(id), close_(close) {}
  H5Handle(H5Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  H5Handle& operator=(H5Handle&& other) noexcept {
    if (this != &other) {
      close();
      id_ = other.id_;
      close_ = other.close_;
      other.id_ = -1;
    }
    return *this;
  }
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  // Closing here ignores errors: by then the write has already failed or been checked (the
  // writer closes what it wrote with close() and checks the result).
  ~H5Handle() { close(); }

  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

  // Closes now and returns HDF5's result: closing a dataset writes its cached chunks, so a
  // failed write may show only here. Closing an invalid handle succeeds.
  herr_t close() noexcept {
    if (id_ < 0) return 0;
    const herr_t rc = close_(id_);
    id_ = -1;
    return rc;
  }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Turns off HDF5's automatic printing of its error stack: every failure is checked and
// reported in one line by the caller instead.
void h5_silence_errors();

// The innermost message of HDF5's current error stack ("" if it is empty), for a failure that
// has no operating-system reason.
std::string h5_last_error();

// The path of an open object within its file ("/arms/main"), or "?" if HDF5 cannot tell.
std::string h5_name_of(hid_t obj);

}  // namespace placesim
