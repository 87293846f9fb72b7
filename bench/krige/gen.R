# gen.R — synthetic 3-D samples for the kriging benchmark.
# Usage: Rscript gen.R N_SAMPLES SEED OUT.csv
# Samples are uniform in a 2000 m x 2000 m x 100 m box (z up, 0..100);
# v is a smooth trend plus noise (any values do: the benchmark measures the
# kriging of them, and both programs krige the same numbers).
a <- commandArgs(TRUE)
n <- as.integer(a[1]); set.seed(as.integer(a[2]))
d <- data.frame(x = runif(n, 0, 2000), y = runif(n, 0, 2000), z = runif(n, 0, 100))
d$v <- 10 + 3 * sin(d$x / 300) + 2 * cos(d$y / 250) + 0.02 * d$z + rnorm(n, 0, 1)
write.csv(format(d, digits = 15), a[3], row.names = FALSE, quote = FALSE)
