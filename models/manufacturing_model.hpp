#pragma once
// The three sourcing models of MODEL.md section 1.
#include <optional>
#include <string_view>

#include "util/enum_names.hpp"

namespace tcosim {

/// Who owns the design and how the supplier is engaged.
enum class ManufacturingModel { Oem, Odm, Contract };

/// Every model's name as a scenario spells it, in enum order.
inline constexpr EnumNames<ManufacturingModel, 3> kManufacturingModelNames{{"oem", "odm", "contract"}};

constexpr std::string_view to_string(ManufacturingModel m) noexcept { return kManufacturingModelNames.of(m); }

/// The model a name spells, or nullopt.
constexpr std::optional<ManufacturingModel> manufacturing_model_from(std::string_view s) noexcept {
  return kManufacturingModelNames.find(s);
}

}  // namespace tcosim
