#pragma once
// The three sourcing models of MODEL.md section 1.
#include <optional>
#include <string_view>

namespace tcosim {

/// Who owns the design and how the supplier is engaged.
enum class ManufacturingModel { Oem, Odm, Contract };

constexpr std::string_view to_string(ManufacturingModel m) noexcept {
  switch (m) {
    case ManufacturingModel::Oem: return "oem";
    case ManufacturingModel::Odm: return "odm";
    case ManufacturingModel::Contract: return "contract";
  }
  return "?";
}

constexpr std::optional<ManufacturingModel> manufacturing_model_from(std::string_view s) noexcept {
  if (s == "oem") return ManufacturingModel::Oem;
  if (s == "odm") return ManufacturingModel::Odm;
  if (s == "contract") return ManufacturingModel::Contract;
  return std::nullopt;
}

}  // namespace tcosim
