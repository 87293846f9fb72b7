# vario_meuse.R — gstat references for reemud's experimental variograms and
# fits on the Meuse data (sp package; tests/data/meuse.csv is the same table).
#
# Writes into tests/data/gstat/:
#   vario_meuse_omni.csv      log(zinc), default cutoff and width
#   vario_meuse_dir.csv       log(zinc), alpha = 0, 45, 90, 135 (tol.hor 22.5)
#   vario_meuse_cut.csv       zinc, cutoff 1000, width 90 (non-integer bin count)
#   vario_meuse_fit.csv       fits: from 1 Sph(900) + 1 Nug, free and range fixed
# Run from the repository root:  Rscript bench/gstat/vario_meuse.R
suppressPackageStartupMessages({library(sp); library(gstat)})
data(meuse)
coordinates(meuse) <- ~x + y
out <- "tests/data/gstat"
num <- function(df, cols) {
  for (c in cols) df[[c]] <- sprintf("%.17g", df[[c]])
  df
}

v <- variogram(log(zinc) ~ 1, meuse)
write.csv(num(v[, c("np", "dist", "gamma")], c("dist", "gamma")),
          file.path(out, "vario_meuse_omni.csv"), row.names = FALSE, quote = FALSE)

vd <- variogram(log(zinc) ~ 1, meuse, alpha = c(0, 45, 90, 135))
write.csv(num(vd[, c("np", "dist", "gamma", "dir.hor")], c("dist", "gamma")),
          file.path(out, "vario_meuse_dir.csv"), row.names = FALSE, quote = FALSE)

vc <- variogram(zinc ~ 1, meuse, cutoff = 1000, width = 90)
write.csv(num(vc[, c("np", "dist", "gamma")], c("dist", "gamma")),
          file.path(out, "vario_meuse_cut.csv"), row.names = FALSE, quote = FALSE)

fits <- list()
f <- fit.variogram(v, vgm(1, "Sph", 900, 1))
fits[[1]] <- data.frame(case = "free", start = "1 Nug + 1 Sph(900)", fix = "",
                        nugget = f$psill[1], psill = f$psill[2], range = f$range[2],
                        sserr = attr(f, "SSErr"))
f2 <- fit.variogram(v, vgm(1, "Sph", 700, 1), fit.ranges = FALSE)
fits[[2]] <- data.frame(case = "range_fixed", start = "1 Nug + 1 Sph(700)", fix = "range",
                        nugget = f2$psill[1], psill = f2$psill[2], range = f2$range[2],
                        sserr = attr(f2, "SSErr"))
f3 <- fit.variogram(v, vgm(0.6, "Exp", 300, 0.05))
fits[[3]] <- data.frame(case = "exp", start = "0.05 Nug + 0.6 Exp(300)", fix = "",
                        nugget = f3$psill[1], psill = f3$psill[2], range = f3$range[2],
                        sserr = attr(f3, "SSErr"))
fit <- do.call(rbind, fits)
write.csv(num(fit, c("nugget", "psill", "range", "sserr")),
          file.path(out, "vario_meuse_fit.csv"), row.names = FALSE, quote = FALSE)
print(v); print(fit)
