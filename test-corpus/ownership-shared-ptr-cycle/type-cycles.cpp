// ownership-shared-ptr-cycle, type level: classes whose std::shared_ptr members can keep
// each other alive forever. Reference counting never frees a cycle; C++ breaks it with
// std::weak_ptr (or a raw pointer) on the edge that points back to an owner.
// RUN-ARGS: -std=c++17
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

//===----------------------------------------------------------------------===//
// Two classes that own each other
//===----------------------------------------------------------------------===//

namespace tree_with_parent {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children; // expect-note: ownership-shared-ptr-cycle {{'Parent' shares ownership of 'Child' through 'Parent::children'}}
};
struct Child {
  std::shared_ptr<Parent> parent; // expect: ownership-shared-ptr-cycle {{'Child::parent' closes a std::shared_ptr cycle ('Parent' -> 'Child' -> 'Parent')}}
};
} // namespace tree_with_parent

namespace tree_with_weak_parent {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  std::weak_ptr<Parent> parent; // the fix: no cycle
};
} // namespace tree_with_weak_parent

namespace tree_with_raw_parent {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  Parent *parent = nullptr; // a borrow, not an owner
};
} // namespace tree_with_raw_parent

namespace two_singles_no_names {
struct Car;
struct Engine {
  std::shared_ptr<Car> car;
};
struct Car {
  std::shared_ptr<Engine> engine; // expect: ownership-shared-ptr-cycle {{make it a std::weak_ptr}}
};
} // namespace two_singles_no_names

namespace one_way {
struct Engine {
  int power = 0;
};
struct Car {
  std::shared_ptr<Engine> engine; // shared, but nothing points back
};
} // namespace one_way

namespace three_classes {
struct B;
struct C;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<C> c;
};
struct C {
  std::shared_ptr<A> a; // expect: ownership-shared-ptr-cycle {{('A' -> 'B' -> 'C' -> 'A')}}
};
} // namespace three_classes

namespace three_classes_open {
struct C {
  int value = 0;
};
struct B {
  std::shared_ptr<C> c;
};
struct A {
  std::shared_ptr<B> b;
};
} // namespace three_classes_open

//===----------------------------------------------------------------------===//
// Inside containers, optionals, variants, pairs and arrays
//===----------------------------------------------------------------------===//

namespace observer_list {
struct Observer {
  virtual ~Observer() = default;
  virtual void notify() = 0;
};
struct Subject {
  std::vector<std::shared_ptr<Observer>> observers; // expect-note: ownership-shared-ptr-cycle {{through 'Subject::observers'}}
};
struct Logger : Observer {
  void notify() override {}
  std::shared_ptr<Subject> subject; // expect: ownership-shared-ptr-cycle {{'Logger::subject' closes}}
};
} // namespace observer_list

namespace observer_list_weak {
struct Observer {
  virtual ~Observer() = default;
  virtual void notify() = 0;
};
struct Subject {
  std::vector<std::weak_ptr<Observer>> observers;
};
struct Logger : Observer {
  void notify() override {}
  std::shared_ptr<Subject> subject; // the subject only watches its observers
};
} // namespace observer_list_weak

namespace through_optional_and_map {
struct Server;
struct Session {
  std::optional<std::shared_ptr<Server>> server; // expect: ownership-shared-ptr-cycle {{'Session::server' closes}}
};
struct Server {
  std::map<int, std::shared_ptr<Session>> sessions;
};
} // namespace through_optional_and_map

namespace through_variant {
struct Window;
struct Widget {
  std::variant<int, std::shared_ptr<Window>> host; // expect: ownership-shared-ptr-cycle {{'Widget::host' closes}}
};
struct Window {
  std::shared_ptr<Widget> content;
};
} // namespace through_variant

namespace through_deque {
struct Task;
struct Scheduler {
  std::deque<std::shared_ptr<Task>> queue;
};
struct Task {
  std::shared_ptr<Scheduler> scheduler; // expect: ownership-shared-ptr-cycle {{'Task::scheduler' closes}}
};
} // namespace through_deque

namespace through_array {
struct Graph;
struct Vertex {
  std::shared_ptr<Graph> graph; // expect: ownership-shared-ptr-cycle {{'Vertex::graph' closes}}
};
struct Graph {
  std::shared_ptr<Vertex> vertices[4];
};
} // namespace through_array

namespace through_unordered_map {
struct Plugin;
struct Registry {
  std::unordered_map<std::string, std::shared_ptr<Plugin>> plugins;
};
struct Plugin {
  std::shared_ptr<Registry> registry; // expect: ownership-shared-ptr-cycle {{'Plugin::registry' closes}}
};
} // namespace through_unordered_map

namespace through_pair {
struct Pool;
struct Connection {
  std::pair<int, std::shared_ptr<Pool>> pool; // expect: ownership-shared-ptr-cycle {{'Connection::pool' closes}}
};
struct Pool {
  std::vector<std::shared_ptr<Connection>> connections;
};
} // namespace through_pair

namespace weak_in_container {
struct Pool;
struct Connection {
  std::shared_ptr<Pool> pool;
};
struct Pool {
  std::vector<std::weak_ptr<Connection>> connections; // weak: the pool does not own them
};
} // namespace weak_in_container

//===----------------------------------------------------------------------===//
// Owned by value and through std::unique_ptr
//===----------------------------------------------------------------------===//

namespace unique_then_shared {
struct Page;
struct Document {
  std::unique_ptr<Page> first; // expect-note: ownership-shared-ptr-cycle {{'Document' owns 'Page' through 'Document::first'}}
};
struct Page {
  std::shared_ptr<Document> owner; // expect: ownership-shared-ptr-cycle {{'Page::owner' closes}}
};
} // namespace unique_then_shared

namespace by_value_member {
struct Outer;
struct Registry {
  std::shared_ptr<Outer> outer; // expect: ownership-shared-ptr-cycle {{'Registry::outer' closes}}
};
struct Inner {
  std::shared_ptr<Registry> registry; // expect-note: ownership-shared-ptr-cycle {{'Inner' shares ownership of 'Registry' through 'Inner::registry'}}
};
struct Outer {
  Inner inner; // expect-note: ownership-shared-ptr-cycle {{'Outer' owns 'Inner' through 'Outer::inner'}}
};
} // namespace by_value_member

namespace scope_chain {
// An environment that holds its enclosing scope by value-wrapped shared_ptr is a chain of
// objects of one kind, like a list: no cycle between two kinds of objects.
struct Scope;
struct Env {
  std::shared_ptr<Scope> enclosing;
};
struct Scope {
  Env env;
};
} // namespace scope_chain

namespace prerequisites {
// A node listing its prerequisites through a handle class: a DAG of one kind of object.
struct TaskBase;
struct Task {
  std::shared_ptr<TaskBase> base;
};
struct TaskBase {
  std::vector<Task> prerequisites;
};
} // namespace prerequisites

namespace unique_only {
struct B;
struct A {
  std::unique_ptr<B> b;
};
struct B {
  std::unique_ptr<A> a; // no reference count involved: not this rule's business
};
} // namespace unique_only

namespace reference_member {
struct B;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  explicit B(A &a) : a(a) {}
  A &a; // a borrow
};
} // namespace reference_member

namespace function_member {
struct Button {
  std::function<void()> onClick; // what the lambda holds is checked where it is stored
};
struct Dialog {
  std::shared_ptr<Button> ok;
};
} // namespace function_member

//===----------------------------------------------------------------------===//
// One class that owns itself
//===----------------------------------------------------------------------===//

namespace singly_linked {
struct Node {
  std::shared_ptr<Node> next; // a plain list is fine
  int value = 0;
};
} // namespace singly_linked

namespace doubly_linked {
struct Node {
  std::shared_ptr<Node> next; // expect-note: ownership-shared-ptr-cycle {{through 'Node::next'}}
  std::shared_ptr<Node> prev; // expect: ownership-shared-ptr-cycle {{'Node::prev' closes}}
};
} // namespace doubly_linked

namespace doubly_linked_weak {
struct Node {
  std::shared_ptr<Node> next;
  std::weak_ptr<Node> prev;
};
} // namespace doubly_linked_weak

namespace doubly_linked_raw {
struct Node {
  std::shared_ptr<Node> next;
  Node *prev = nullptr;
};
} // namespace doubly_linked_raw

namespace tree_node_with_parent {
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
  std::shared_ptr<TreeNode> parent; // expect: ownership-shared-ptr-cycle {{'TreeNode::parent' closes}}
};
} // namespace tree_node_with_parent

namespace tree_node {
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
  std::weak_ptr<TreeNode> parent;
};
} // namespace tree_node

namespace binary_tree {
struct Node {
  std::shared_ptr<Node> left; // two forward edges, none back
  std::shared_ptr<Node> right;
};
} // namespace binary_tree

namespace composite {
struct Shape {
  virtual ~Shape() = default;
};
struct Group : Shape {
  std::vector<std::shared_ptr<Shape>> children; // a hierarchy owning itself: a tree
};
struct Circle : Shape {
  double radius = 1;
};
} // namespace composite

namespace composite_with_owner {
struct Shape {
  virtual ~Shape() = default;
  std::shared_ptr<Shape> owner; // expect: ownership-shared-ptr-cycle {{'Shape::owner' closes}}
};
struct Group : Shape {
  std::vector<std::shared_ptr<Shape>> children;
};
} // namespace composite_with_owner

//===----------------------------------------------------------------------===//
// Templates: instantiated classes take part like any other
//===----------------------------------------------------------------------===//

namespace template_instantiation {
template <class T> struct Box {
  std::shared_ptr<T> content; // expect: ownership-shared-ptr-cycle {{'Box::content' closes}}
};
struct Crate;
struct Pallet {
  std::vector<std::shared_ptr<Crate>> crates;
};
struct Crate {
  Box<Pallet> pallet; // the member that closes it is Box<Pallet>::content
};
} // namespace template_instantiation

namespace template_never_instantiated {
template <class T> struct Loop {
  std::shared_ptr<Loop<T>> next;
  std::shared_ptr<Loop<T>> prev; // only instantiations are classes the program has
};
} // namespace template_never_instantiated
