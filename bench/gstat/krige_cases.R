# krige_cases.R — reference answers from gstat for reemud's kriging tests.
#
# Writes, under tests/data/gstat/ (run from the repository root):
#   krige_meuse.csv       meuse x, y, zinc, logzinc (sp package data)
#   krige_synth3d.csv     synthetic 3-D cores: x, y, z, v, hole
#   krige_targets2d.csv   meuse.grid subset (x, y)
#   krige_targets3d.csv   3-D targets (x, y, z)
#   krige_cases.txt       one case per line, '|'-separated:
#                         name|data|value|model|kind|sk_mean|nmax|bx,by,bz|discr|targets|search
#   krige_<name>.csv      gstat's answer per target: est, var
#   krige_xval.txt        krige.cv statistics: name|data|value|model|nmax|mode|n|me|mse|msdr
#   krige_xval_<name>.csv gstat's krige.cv per sample: pred, var
# Usage: Rscript bench/gstat/krige_cases.R
suppressMessages({library(sp); library(gstat)})
out <- "tests/data/gstat"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wcsv <- function(df, f) write.csv(df, file.path(out, f), row.names = FALSE, quote = FALSE)
fmt <- function(x) trimws(formatC(x, digits = 16, format = "g"))

data(meuse); data(meuse.grid)
m <- data.frame(x = meuse$x, y = meuse$y, zinc = meuse$zinc, logzinc = log(meuse$zinc))
wcsv(m, "krige_meuse.csv")
coordinates(m) <- ~x+y
g2 <- meuse.grid[seq(1, nrow(meuse.grid), by = 10), c("x", "y")]
# Drop targets whose k-th and (k+1)-th nearest samples are equally far for a
# k used below: gstat breaks such ties by its tree order, reemud by sample
# index, and either choice is right.
tie <- function(tx, ty, sx, sy, ks = c(16, 20, 24, 25, 30, 40)) {
  sapply(seq_along(tx), function(i) {
    d <- sort(sqrt((sx - tx[i])^2 + (sy - ty[i])^2))
    any(abs(d[ks] - d[ks + 1]) <= 1e-9 * d[ks])
  })
}
g2 <- g2[!tie(g2$x, g2$y, m$x, m$y), ]
wcsv(g2, "krige_targets2d.csv")
coordinates(g2) <- ~x+y

set.seed(20260301)
nh <- 40; per <- 10
hx <- runif(nh, 0, 1000); hy <- runif(nh, 0, 1000)
s3 <- data.frame(x = rep(hx, each = per), y = rep(hy, each = per),
                 z = -rep(seq(0.5, by = 1, length.out = per), nh) + runif(nh * per, -0.2, 0.2),
                 hole = rep(seq_len(nh), each = per))
s3$v <- 10 + 3 * sin(s3$x / 150) + 2 * cos(s3$y / 200) + 0.3 * s3$z + rnorm(nrow(s3), 0, 0.7)
wcsv(s3[, c("x", "y", "z", "v", "hole")], "krige_synth3d.csv")
coordinates(s3) <- ~x+y+z
t3 <- data.frame(x = runif(300, -50, 1050), y = runif(300, -50, 1050), z = runif(300, -10, 0))
wcsv(t3, "krige_targets3d.csv")
coordinates(t3) <- ~x+y+z

cases <- character(0)
run <- function(name, data, dname, value, model, mstr, kind = "ok", beta = NA, nmax = Inf,
                block = numeric(0), discr = 0, targets, tname, search = "aniso") {
  f <- as.formula(paste(value, "~1"))
  args <- list(formula = f, locations = data, newdata = targets, model = model,
               nmax = nmax, debug.level = 0)
  if (kind == "sk") args$beta <- beta
  if (length(block)) args$block <- block
  if (discr > 0) args$set <- list(nblockdiscr = discr)
  k <- do.call(krige, args)
  wcsv(data.frame(est = fmt(k$var1.pred), var = fmt(k$var1.var)), paste0("krige_", name, ".csv"))
  b <- c(block, 0, 0, 0)[1:3]
  cases <<- c(cases, paste(name, dname, value, mstr, kind, ifelse(is.na(beta), 0, fmt(beta)),
                           ifelse(is.finite(nmax), nmax, 0), paste(b, collapse = ","), discr,
                           tname, search, sep = "|"))
}

fit <- vgm(0.59060780, "Sph", 897.0209, 0.05066243)
fit_s <- "0.05066243 Nug + 0.5906078 Sph(897.0209)"
bk <- vgm(1.34e5, "Sph", 800, nugget = 2.42e4)
bk_s <- "24200 Nug + 134000 Sph(800)"
run("meuse_ok_point", m, "krige_meuse.csv", "logzinc", fit, fit_s, nmax = 20,
    targets = g2, tname = "krige_targets2d.csv")
run("meuse_ok_point_all", m, "krige_meuse.csv", "logzinc", fit, fit_s,
    targets = g2, tname = "krige_targets2d.csv")
run("meuse_sk_point", m, "krige_meuse.csv", "logzinc", fit, fit_s, kind = "sk", beta = 5.9,
    nmax = 30, targets = g2, tname = "krige_targets2d.csv")
run("meuse_ok_block_gauss", m, "krige_meuse.csv", "zinc", bk, bk_s, nmax = 40,
    block = c(40, 40), targets = g2, tname = "krige_targets2d.csv")
run("meuse_ok_block_reg4", m, "krige_meuse.csv", "zinc", bk, bk_s, nmax = 40,
    block = c(40, 40), discr = 4, targets = g2, tname = "krige_targets2d.csv")
an2 <- vgm(0.59, "Sph", 1200, 0.05, anis = c(30, 0.4))
run("meuse_aniso_ok_all", m, "krige_meuse.csv", "logzinc", an2,
    "0.05 Nug + 0.59 Sph(1200, 480; 30)", targets = g2, tname = "krige_targets2d.csv")
ex2 <- vgm(0.5, "Exp", 300, 0.1)
run("meuse_exp_sk_block", m, "krige_meuse.csv", "logzinc", ex2, "0.1 Nug + 0.5 Exp(300)",
    kind = "sk", beta = 6, nmax = 25, block = c(100, 50), targets = g2,
    tname = "krige_targets2d.csv")

s_iso <- vgm(4, "Sph", 500, 0.5)
run("synth3d_ok_point", s3, "krige_synth3d.csv", "v", s_iso, "0.5 Nug + 4 Sph(500)",
    nmax = 24, targets = t3, tname = "krige_targets3d.csv")
s_an <- vgm(4, "Sph", 600, 0.5, anis = c(30, 10, 0, 0.5, 0.02))
run("synth3d_aniso_ok_all", s3, "krige_synth3d.csv", "v", s_an,
    "0.5 Nug + 4 Sph(600, 300, 12; 30, 10, 0)", targets = t3, tname = "krige_targets3d.csv")
s_gau <- vgm(3, "Gau", 250, 1)
run("synth3d_gau_sk_point", s3, "krige_synth3d.csv", "v", s_gau, "1 Nug + 3 Gau(250)",
    kind = "sk", beta = 10, nmax = 16, targets = t3, tname = "krige_targets3d.csv")
run("synth3d_ok_block", s3, "krige_synth3d.csv", "v", s_iso, "0.5 Nug + 4 Sph(500)",
    nmax = 24, block = c(50, 50, 2), targets = t3, tname = "krige_targets3d.csv")
s_nest <- vgm(2, "Exp", 100, add.to = vgm(2, "Sph", 700, 0.3))
run("synth3d_nested_ok_point", s3, "krige_synth3d.csv", "v", s_nest,
    "0.3 Nug + 2 Sph(700) + 2 Exp(100)", nmax = 30, targets = t3, tname = "krige_targets3d.csv")
# gstat picks the nmax neighbours by Euclidean distance even for anisotropic
# models: reemud's --search euclidean reproduces it
run("synth3d_aniso_ok_euclid", s3, "krige_synth3d.csv", "v", s_an,
    "0.5 Nug + 4 Sph(600, 300, 12; 30, 10, 0)", nmax = 16, targets = t3,
    tname = "krige_targets3d.csv", search = "euclidean")
run("meuse_aniso_ok_euclid", m, "krige_meuse.csv", "logzinc", an2,
    "0.05 Nug + 0.59 Sph(1200, 480; 30)", nmax = 25, targets = g2,
    tname = "krige_targets2d.csv", search = "euclidean")
writeLines(cases, file.path(out, "krige_cases.txt"))

# Cross-validation
xv <- character(0)
xval <- function(name, data, dname, value, model, mstr, nmax = Inf, nfold = NULL, mode = "loo") {
  f <- as.formula(paste(value, "~1"))
  cv <- if (is.null(nfold)) krige.cv(f, data, model, nmax = nmax, debug.level = 0)
        else krige.cv(f, data, model, nmax = nmax, nfold = nfold, debug.level = 0)
  r <- cv$residual
  wcsv(data.frame(est = fmt(cv$var1.pred), var = fmt(cv$var1.var)),
       paste0("krige_xval_", name, ".csv"))
  xv <<- c(xv, paste(name, dname, value, mstr, ifelse(is.finite(nmax), nmax, 0), mode,
                     length(r), fmt(mean(r)), fmt(mean(r^2)), fmt(mean(cv$zscore^2)), sep = "|"))
}
xval("meuse_loo", m, "krige_meuse.csv", "logzinc", fit, fit_s)
xval("meuse_loo_n40", m, "krige_meuse.csv", "logzinc", fit, fit_s, nmax = 40)
xval("synth3d_hole", s3, "krige_synth3d.csv", "v", s_iso, "0.5 Nug + 4 Sph(500)", nmax = 24,
     nfold = s3$hole, mode = "hole")
writeLines(xv, file.path(out, "krige_xval.txt"))
cat("wrote", length(cases), "kriging cases and", length(xv), "cross-validation cases to", out, "\n")
