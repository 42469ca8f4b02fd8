// Header-heavy benchmark TU: spdlog in its header-only configuration and the fmt library it
// formats with; loggers, sinks and format calls over several argument types.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Point {
  int X, Y;
};

template <> struct fmt::formatter<Point> : fmt::formatter<std::string> {
  auto format(const Point &P, fmt::format_context &Ctx) const {
    return fmt::formatter<std::string>::format(fmt::format("({}, {})", P.X, P.Y), Ctx);
  }
};

std::string describe(const std::vector<Point> &Points, std::chrono::seconds Age) {
  std::map<std::string, int> Counts{{"a", 1}, {"b", 2}};
  std::string S = fmt::format("{} points, {} old, counts {}", Points.size(), Age, Counts);
  for (const Point &P : Points)
    S += fmt::format(" {}", P);
  S += fmt::format("{:>10.3f}|{:#x}|{:<8}", 3.14159, 255, "left");
  return S;
}

void logAll(const std::vector<Point> &Points) {
  auto Console = spdlog::stdout_color_mt("console");
  auto File = spdlog::basic_logger_mt("file", "/tmp/ownership-bench.log");
  spdlog::logger Both("both", {Console->sinks().front(), File->sinks().front()});
  Both.set_pattern("[%H:%M:%S %z] [%n] [%^---%L---%$] %v");
  Both.set_level(spdlog::level::debug);
  for (const Point &P : Points)
    Both.info("point {} at {}", P, describe(Points, std::chrono::seconds(P.X)));
  Both.warn("{} points", Points.size());
  spdlog::drop_all();
}
