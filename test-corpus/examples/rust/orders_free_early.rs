// rustc: error[E0382]
// Freeing too early. drop() takes ownership, so a use after it is a use of a moved
// value: the use after free of orders-manual.cpp cannot be written in safe Rust.
fn get_final_orders() -> i64 {
    let orders = vec![1, 2, 3, 4];
    let mut total_orders = 0;
    drop(orders);
    for order in &orders {
        total_orders += order;
    }
    total_orders
}

fn main() {
    println!("{}", get_final_orders());
}
