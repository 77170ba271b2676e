#pragma once
// Little binary writer and bounds-checked reader for checkpoints and MPI messages. Values are
// stored in the machine's native layout: checkpoints are resumed on the machine (or cluster of
// identical nodes) that wrote them, and their header records the layout so others are refused.
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tcosim {

/// Thrown when a buffer ends early or holds an impossible length: a truncated or corrupt input.
struct ByteStreamError : std::runtime_error {
  using std::runtime_error::runtime_error;
  /// "ByteStreamError: " and the message.
  std::string to_string() const;
};

/// Appends trivially copyable values, spans and strings to a byte buffer.
class ByteWriter {
 public:
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void put(const T& v) { append(&v, sizeof v); }
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void put_span(std::span<const T> v) {
    put<std::uint64_t>(v.size());
    append(v.data(), v.size_bytes());
  }
  void put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    append(s.data(), s.size());
  }
  const std::string& bytes() const noexcept { return buf_; }
  std::string take() noexcept { return std::move(buf_); }
  /// The number of bytes written so far.
  std::string to_string() const;

 private:
  void append(const void* p, std::size_t n) {
    if (n != 0) buf_.append(static_cast<const char*>(p), n);  // an empty span's data() may be null
  }
  std::string buf_;
};

/// Reads what a ByteWriter wrote; every read checks the remaining length first.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}

  template <class T>
  requires std::is_trivially_copyable_v<T> T get() {
    T v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  /// A length-prefixed array; `max_elements` guards against absurd lengths from corrupt input.
  template <class T>
  requires std::is_trivially_copyable_v<T> std::vector<T> get_vector(std::uint64_t max_elements) {
    const auto n = get<std::uint64_t>();
    if (n > max_elements || n > rest_.size() / (sizeof(T) ? sizeof(T) : 1))
      throw ByteStreamError("length field larger than the data that follows");
    std::vector<T> v(n);
    copy_out(v.data(), n * sizeof(T));
    return v;
  }
  /// Reads a length-prefixed array into `out`, whose size it must match.
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void get_into(std::span<T> out) {
    if (get<std::uint64_t>() != out.size()) throw ByteStreamError("array length differs from the expected length");
    copy_out(out.data(), out.size_bytes());
  }
  std::string get_string(std::uint64_t max_length = 1 << 20) {
    const auto n = get<std::uint64_t>();
    if (n > max_length) throw ByteStreamError("string length field out of range");
    return std::string(take(n));
  }
  std::size_t remaining() const noexcept { return rest_.size(); }
  /// The number of bytes left to read.
  std::string to_string() const;

 private:
  // memcpy from or to a null pointer is undefined even for 0 bytes, and empty spans may be null.
  void copy_out(void* dst, std::size_t n) {
    const std::string_view src = take(n);
    if (n != 0) std::memcpy(dst, src.data(), n);
  }
  std::string_view take(std::size_t n) {
    if (n > rest_.size()) throw ByteStreamError("data ends early (truncated)");
    const std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }
  std::string_view rest_;
};

}  // namespace tcosim
