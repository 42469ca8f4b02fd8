// Header-heavy benchmark TU: nlohmann::json's inline code (parser, serializer, iterators,
// conversions from standard containers), instantiated the way an application uses it.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

struct Order {
  std::string Id;
  std::vector<long> Items;
  double Total = 0;
};

void to_json(nlohmann::json &J, const Order &O) {
  J = nlohmann::json{{"id", O.Id}, {"items", O.Items}, {"total", O.Total}};
}

void from_json(const nlohmann::json &J, Order &O) {
  J.at("id").get_to(O.Id);
  J.at("items").get_to(O.Items);
  J.at("total").get_to(O.Total);
}

std::string roundTrip(const std::string &Text) {
  nlohmann::json Doc = nlohmann::json::parse(Text);
  std::vector<Order> Orders = Doc.at("orders").get<std::vector<Order>>();
  std::map<std::string, double> Totals;
  for (const Order &O : Orders)
    Totals[O.Id] += O.Total;
  nlohmann::json Out;
  Out["totals"] = Totals;
  Out["count"] = Orders.size();
  Out["orders"] = std::move(Orders);
  for (auto It = Out.begin(); It != Out.end(); ++It)
    if (It.value().is_number())
      It.value() = It.value().get<double>() * 2;
  nlohmann::json Patch = nlohmann::json::diff(Doc, Out);
  nlohmann::json Patched = Doc.patch(Patch);
  nlohmann::json Flat = Patched.flatten();
  std::vector<std::uint8_t> Cbor = nlohmann::json::to_cbor(Flat);
  nlohmann::json Back = nlohmann::json::from_cbor(Cbor);
  return Back.dump(2) + Out.dump();
}
