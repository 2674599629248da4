//! A car-free day (to be written).
