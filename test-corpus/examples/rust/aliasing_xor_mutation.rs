// rustc: error[E0502]
// A shared borrow of an element is alive while the vector is mutated: push() may move
// the elements to a new buffer and free the old one, which 'first' points into.
fn main() {
    let mut orders = vec![1, 2, 3, 4];
    let first = &orders[0];
    orders.push(5);
    println!("first order: {}", first);
}
