// From mosh, src/frontend/terminaloverlay.cc, PredictionEngine::cull
// [ownership-invalidated-reference] "'it' may be used after it was invalidated", with the
// notes "borrowed here" at 'it = cursors.erase(it)' and "'this->cursors' modified here" at a
// 'cursors.clear()' that comes before the loop.
// Pattern: a member list is cleared on one branch, and a later loop erases elements with
// 'it = list.erase(it)'. The clear happens before the loop starts, and erase returns a
// valid iterator: no path goes from the erase back to the clear. The finding appears only
// with the earlier, unrelated loop over another list; without it nothing is reported.
#include <list>

struct Engine {
  std::list<int> cursors;
  std::list<int> overlays;

  void cull(bool clear) {
    std::list<int>::iterator i = overlays.begin();
    while (i != overlays.end())
      ++i;
    if (clear)
      cursors.clear();
    for (std::list<int>::iterator it = cursors.begin(); it != cursors.end();) {  // reported
      if (*it != 0)
        it = cursors.erase(it);
      else
        it++;
    }
  }
};
