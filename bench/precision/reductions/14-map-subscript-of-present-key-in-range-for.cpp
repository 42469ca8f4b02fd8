// From glslang, SPIRV/SPVRemapper.cpp, spirvbin_t::optLoadStore
// [ownership-invalidated-reference] "range-for loop over 'idMap' may continue after 'idMap'
// was modified".
// Pattern: inside a range-for over a map, operator[] is applied only to keys that are in
// the map (the loop's own key, or one just found with find()). operator[] of a present key
// inserts nothing, so no iterator is invalidated (and std::unordered_map rehashes only on an
// insertion).
#include <unordered_map>

void chase(std::unordered_map<unsigned, unsigned>& idMap) {
  for (const auto& idPair : idMap) {  // reported here
    unsigned id = idPair.first;
    while (idMap.find(id) != idMap.end())
      id = idMap[id];
    idMap[idPair.first] = id;
  }
}
