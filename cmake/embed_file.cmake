# Turns INPUT into a C++ source defining tcosim::embedded_default_scenario() as its bytes,
# so the binary runs its default scenario from any folder.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUTPUT}.tmp
"// Generated from scenarios/default.yaml by cmake/embed_file.cmake; do not edit.
#include <string_view>
namespace tcosim {
namespace { const char kBytes[] = {${bytes} 0x00}; }
std::string_view embedded_default_scenario() { return {kBytes, sizeof(kBytes) - 1}; }
}
")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
