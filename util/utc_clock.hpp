#pragma once
// The one UTC clock of tcosim: catalogue timestamps and the "generated" stamp of every HTML
// page are formatted here, from the current time or, for pages, SOURCE_DATE_EPOCH.
#include <ctime>
#include <string>

namespace tcosim {

/// `t` (seconds since 1970) in UTC, through strftime's `format`.
std::string format_utc(std::time_t t, const char* format);
/// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601), for records.
std::string utc_now_iso8601();
/// SOURCE_DATE_EPOCH (seconds since 1970) when the environment sets it to a valid value, as
/// reproducible builds do, else the current time: the date a report or workbook states.
std::time_t report_generated_time();
/// "YYYY-MM-DD HH:MM UTC" of SOURCE_DATE_EPOCH (seconds since 1970) when the environment sets
/// it to a valid value, as reproducible builds do, else of the current time.
std::string report_generated_utc();

}  // namespace tcosim
