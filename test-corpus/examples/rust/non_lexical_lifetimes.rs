// rustc: ok
// A borrow lasts until its last use, not until the end of its scope: 'first' is last
// used before the push(), so the mutation is allowed.
fn main() {
    let mut orders = vec![1, 2, 3, 4];
    let first = &orders[0];
    println!("first order: {}", first);
    orders.push(5);
    println!("{} orders", orders.len());
}
