# gen_scores.R — conditioning data for the SGS benchmark: N points uniform in
# the 1000 m x 1000 m x 20 m grid box, values standard normal.
# Usage: Rscript gen_scores.R N SEED OUT.csv
a <- commandArgs(TRUE)
n <- as.integer(a[1]); set.seed(as.integer(a[2]))
d <- data.frame(x = runif(n, 0, 1000), y = runif(n, 0, 1000), z = runif(n, 0, 20))
d$v <- rnorm(n)
write.csv(format(d, digits = 15), a[3], row.names = FALSE, quote = FALSE)
