// rustc: error[E0382]
// The orders example in Rust: ownership of the vector moves into archive(), so the loop
// below may not read it. Compare ../orders-move.cpp.
fn archive(orders: Vec<i64>) {
    drop(orders);
}

fn finish(total_orders: i64) -> i64 {
    total_orders
}

fn get_final_orders() -> i64 {
    let orders = vec![1, 2, 3, 4];
    archive(orders);
    let mut total_orders = 0;
    for order in &orders {
        total_orders += order;
    }
    finish(total_orders)
}

fn main() {
    println!("{}", get_final_orders());
}
