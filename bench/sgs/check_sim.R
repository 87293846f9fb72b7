# check_sim.R — statistics of simulated normal scores (both programs):
# mean, variance and the experimental variogram at short lags along x, which
# should agree with each other and with the model within sampling error.
# Usage: Rscript check_sim.R SIM.csv COLUMN_PREFIX NX,NY,NZ
a <- commandArgs(TRUE)
s <- read.csv(a[1]); n <- as.integer(strsplit(a[3], ",")[[1]])
cols <- grep(paste0("^", a[2]), names(s))
for (c in cols) {
  v <- array(s[[c]], dim = n)
  gx <- sapply(c(1, 5, 10, 20), function(h) mean((v[(1 + h):n[1], , ] - v[1:(n[1] - h), , ])^2) / 2)
  cat(sprintf("%-12s mean %6.3f var %6.3f  gamma_x(10,50,100,200 m) %s\n", names(s)[c], mean(v),
              var(as.vector(v)), paste(sprintf("%.3f", gx), collapse = " ")))
}
