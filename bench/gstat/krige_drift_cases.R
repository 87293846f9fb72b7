# krige_drift_cases.R — reference answers from gstat for reemud's universal
# kriging (a trend in the coordinates) and kriging with an external drift.
#
# Writes, under tests/data/gstat/ (run from the repository root, after
# krige_cases.R, whose 3-D data and targets it reads):
#   krige_meuse_drift.csv      meuse x, y, zinc, logzinc, sqrtdist (sp package data)
#   krige_targets2d_drift.csv  meuse.grid subset: x, y, sqrtdist
#   krige_synth3d_drift.csv    krige_synth3d.csv plus a covariate cov
#   krige_targets3d_drift.csv  krige_targets3d.csv plus cov
#   krige_drift_cases.txt      one case per line, '|'-separated:
#                              name|data|value|model|trend|drift|nmax|bx,by,bz|targets|ndim
#                              (trend: none, linear, quadratic; drift: columns or -)
#   krige_<name>.csv           gstat's answer per target: est, var
# Usage: Rscript bench/gstat/krige_drift_cases.R
suppressMessages({library(sp); library(gstat)})
out <- "tests/data/gstat"
wcsv <- function(df, f) write.csv(df, file.path(out, f), row.names = FALSE, quote = FALSE)
fmt <- function(x) trimws(formatC(x, digits = 16, format = "g"))

data(meuse); data(meuse.grid)
m <- data.frame(x = meuse$x, y = meuse$y, zinc = meuse$zinc, logzinc = log(meuse$zinc),
                sqrtdist = sqrt(meuse$dist))
wcsv(m, "krige_meuse_drift.csv")
# The quadratic trend is given to gstat in centred coordinates in km (u, v):
# the same functions span the same space, but squares of the raw
# coordinates (~1e11) cost gstat ~4 significant digits (its estimates move
# by 5e-4 between the two forms).
cx <- mean(m$x); cy <- mean(m$y)
m$u <- (m$x - cx) / 1000; m$v <- (m$y - cy) / 1000
coordinates(m) <- ~x+y
g2 <- meuse.grid[seq(1, nrow(meuse.grid), by = 10), c("x", "y", "dist")]
g2 <- data.frame(x = g2$x, y = g2$y, sqrtdist = sqrt(g2$dist))
# Drop targets whose k-th and (k+1)-th nearest samples are equally far for a
# k used below (gstat breaks such ties by its tree order, reemud by index).
tie <- function(tx, ty, tz, sx, sy, sz, ks = c(16, 20, 24, 25, 30, 40)) {
  tz <- rep_len(tz, length(tx))
  sapply(seq_along(tx), function(i) {
    d <- sort(sqrt((sx - tx[i])^2 + (sy - ty[i])^2 + (sz - tz[i])^2))
    any(abs(d[ks] - d[ks + 1]) <= 1e-9 * d[ks])
  })
}
g2 <- g2[!tie(g2$x, g2$y, 0, m$x, m$y, 0), ]
wcsv(g2, "krige_targets2d_drift.csv")
g2$u <- (g2$x - cx) / 1000; g2$v <- (g2$y - cy) / 1000
coordinates(g2) <- ~x+y

# 3-D: the cores of krige_cases.R with a covariate that carries part of the
# trend of v (v = 10 + 3 sin(x/150) + 2 cos(y/200) + 0.3 z + noise)
s3 <- read.csv(file.path(out, "krige_synth3d.csv"))
s3$cov <- sin(s3$x / 150) + 0.1 * s3$z
wcsv(s3[, c("x", "y", "z", "v", "hole", "cov")], "krige_synth3d_drift.csv")
t3 <- read.csv(file.path(out, "krige_targets3d.csv"))
t3$cov <- sin(t3$x / 150) + 0.1 * t3$z
t3 <- t3[!tie(t3$x, t3$y, t3$z, s3$x, s3$y, s3$z), ]
wcsv(t3, "krige_targets3d_drift.csv")
coordinates(s3) <- ~x+y+z
coordinates(t3) <- ~x+y+z

cases <- character(0)
run <- function(name, data, dname, value, model, mstr, rhs, trend, drift, nmax = Inf,
                block = numeric(0), targets, tname, ndim) {
  f <- as.formula(paste(value, "~", rhs))
  args <- list(formula = f, locations = data, newdata = targets, model = model,
               nmax = nmax, debug.level = 0)
  if (length(block)) args$block <- block
  k <- do.call(krige, args)
  wcsv(data.frame(est = fmt(k$var1.pred), var = fmt(k$var1.var)), paste0("krige_", name, ".csv"))
  b <- c(block, 0, 0, 0)[1:3]
  cases <<- c(cases, paste(name, dname, value, mstr, trend, drift,
                           ifelse(is.finite(nmax), nmax, 0), paste(b, collapse = ","),
                           tname, ndim, sep = "|"))
}

fit <- vgm(0.59060780, "Sph", 897.0209, 0.05066243)
fit_s <- "0.05066243 Nug + 0.5906078 Sph(897.0209)"
md <- "krige_meuse_drift.csv"; td <- "krige_targets2d_drift.csv"
run("meuse_uk_linear_all", m, md, "logzinc", fit, fit_s, "x + y", "linear", "-",
    targets = g2, tname = td, ndim = 2)
run("meuse_uk_linear_n20", m, md, "logzinc", fit, fit_s, "x + y", "linear", "-", nmax = 20,
    targets = g2, tname = td, ndim = 2)
run("meuse_uk_quadratic_n40", m, md, "logzinc", fit, fit_s,
    "u + v + I(u^2) + I(v^2) + I(u*v)", "quadratic", "-", nmax = 40,
    targets = g2, tname = td, ndim = 2)
run("meuse_ked_all", m, md, "logzinc", fit, fit_s, "sqrtdist", "none", "sqrtdist",
    targets = g2, tname = td, ndim = 2)
run("meuse_ked_n25", m, md, "logzinc", fit, fit_s, "sqrtdist", "none", "sqrtdist",
    nmax = 25, targets = g2, tname = td, ndim = 2)
run("meuse_uk_ked_n30", m, md, "logzinc", fit, fit_s, "x + y + sqrtdist", "linear",
    "sqrtdist", nmax = 30, targets = g2, tname = td, ndim = 2)
bk <- vgm(1.34e5, "Sph", 800, nugget = 2.42e4)
run("meuse_uk_block_n40", m, md, "zinc", bk, "24200 Nug + 134000 Sph(800)", "x + y",
    "linear", "-", nmax = 40, block = c(40, 40), targets = g2, tname = td, ndim = 2)

s_iso <- vgm(4, "Sph", 500, 0.5)
sd <- "krige_synth3d_drift.csv"; t3d <- "krige_targets3d_drift.csv"
run("synth3d_uk_linear_n24", s3, sd, "v", s_iso, "0.5 Nug + 4 Sph(500)", "x + y + z",
    "linear", "-", nmax = 24, targets = t3, tname = t3d, ndim = 3)
run("synth3d_uk_linear_all", s3, sd, "v", s_iso, "0.5 Nug + 4 Sph(500)", "x + y + z",
    "linear", "-", targets = t3, tname = t3d, ndim = 3)
run("synth3d_ked_n24", s3, sd, "v", s_iso, "0.5 Nug + 4 Sph(500)", "cov", "none", "cov",
    nmax = 24, targets = t3, tname = t3d, ndim = 3)
run("synth3d_ked_all", s3, sd, "v", s_iso, "0.5 Nug + 4 Sph(500)", "cov", "none", "cov",
    targets = t3, tname = t3d, ndim = 3)
writeLines(cases, file.path(out, "krige_drift_cases.txt"))
cat("wrote", length(cases), "drift kriging cases to", out, "\n")
