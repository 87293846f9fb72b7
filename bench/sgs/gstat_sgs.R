# gstat_sgs.R — time gstat's sequential Gaussian simulation (krige(..., nsim))
# on the SGS benchmark problem.
# Usage: Rscript gstat_sgs.R DATA.csv NX,NY,NZ NMAX NSIM OUT.csv
# Grid nodes at (5 + 10 i, 5 + 10 j, 0.5 + k) (x fastest): the nodes of
# reemud's --grid 5:10:NX,5:10:NY,0.5:1:NZ.  Simple kriging with mean 0
# (beta = 0) of normal scores; model 0.1 Nug + 0.9 Sph(300, 300, 10).
# Prints the seconds spent in the krige() call alone.
suppressMessages({library(sp); library(gstat)})
a <- commandArgs(TRUE)
d <- read.csv(a[1]); coordinates(d) <- ~x+y+z
n <- as.integer(strsplit(a[2], ",")[[1]])
g <- expand.grid(x = 5 + 10 * (0:(n[1] - 1)), y = 5 + 10 * (0:(n[2] - 1)),
                 z = 0.5 + (0:(n[3] - 1)))
coordinates(g) <- ~x+y+z
# gstat's 3-D anisotropy: anis = c(azimuth, dip, rake, minor/major, vertical/major)
m <- vgm(0.9, "Sph", 300, 0.1, anis = c(0, 0, 0, 1, 10 / 300))
set.seed(1)
t <- system.time(s <- krige(v ~ 1, d, g, m, nmax = as.integer(a[3]), beta = 0,
                            nsim = as.integer(a[4]), debug.level = 0))
cat(sprintf("gstat_seconds %.3f\n", t[["elapsed"]]))
cat(sprintf("gstat_cpu_seconds %.3f\n", t[["user.self"]] + t[["sys.self"]]))
write.csv(as.data.frame(s)[, -(1:3), drop = FALSE], a[5], row.names = FALSE)
