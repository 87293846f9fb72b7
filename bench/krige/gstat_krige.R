# gstat_krige.R — time gstat's krige() on the benchmark problem.
# Usage: Rscript gstat_krige.R DATA.csv NX,NY,NZ NMAX "MODEL(gstat vgm args)" OUT.csv
# The grid: nodes at (10 + 20 i, 10 + 20 j, 2.5 + 5 k) (x fastest), the same
# nodes as reemud's --grid 10:20:NX,10:20:NY,2.5:5:NZ.  Prints the seconds
# spent in the krige() call alone (reading and writing excluded).
suppressMessages({library(sp); library(gstat)})
a <- commandArgs(TRUE)
d <- read.csv(a[1]); coordinates(d) <- ~x+y+z
n <- as.integer(strsplit(a[2], ",")[[1]])
g <- expand.grid(x = 10 + 20 * (0:(n[1] - 1)), y = 10 + 20 * (0:(n[2] - 1)),
                 z = 2.5 + 5 * (0:(n[3] - 1)))
coordinates(g) <- ~x+y+z
m <- eval(parse(text = a[4]))
t <- system.time(k <- krige(v ~ 1, d, g, m, nmax = as.integer(a[3]), debug.level = 0))
cat(sprintf("gstat_seconds %.3f\n", t[["elapsed"]]))
write.csv(data.frame(est = k$var1.pred, var = k$var1.var), a[5], row.names = FALSE)
