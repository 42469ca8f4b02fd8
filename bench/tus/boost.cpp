// Header-heavy benchmark TU: Boost header-only libraries (optional, variant, string
// algorithms, containers, lexical_cast) instantiated on application types.
#include <boost/algorithm/string.hpp>
#include <boost/container/flat_map.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/lexical_cast.hpp>
#include <boost/optional.hpp>
#include <boost/variant.hpp>

#include <string>
#include <utility>
#include <vector>

using Value = boost::variant<int, double, std::string>;

struct Printer : boost::static_visitor<std::string> {
  std::string operator()(int I) const { return boost::lexical_cast<std::string>(I); }
  std::string operator()(double D) const { return boost::lexical_cast<std::string>(D); }
  std::string operator()(const std::string &S) const { return boost::to_upper_copy(S); }
};

boost::optional<int> parseInt(const std::string &S) {
  try {
    return boost::lexical_cast<int>(boost::trim_copy(S));
  } catch (const boost::bad_lexical_cast &) {
    return boost::none;
  }
}

std::string process(const std::string &Line) {
  std::vector<std::string> Fields;
  boost::split(Fields, Line, boost::is_any_of(",;"));
  boost::container::flat_map<std::string, Value> Table;
  boost::container::small_vector<Value, 8> Values;
  for (std::string &F : Fields) {
    boost::algorithm::trim(F);
    Value V = F;
    if (boost::optional<int> I = parseInt(F))
      V = *I;
    else if (boost::starts_with(F, "."))
      V = 0.5;
    Values.push_back(V);
    Table.emplace(std::move(F), std::move(V));
  }
  std::string Out;
  for (const auto &Entry : Table)
    Out += Entry.first + "=" + boost::apply_visitor(Printer(), Entry.second) + " ";
  return boost::join(Fields, "|") + Out + std::to_string(Values.size());
}
