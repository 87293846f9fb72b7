# vario_anis.R — reference semivariances and covariances of anisotropic
# variogram models from gstat, at given separation vectors.
#
# Writes tests/data/gstat/vario_anis.csv: model (reemud MODEL string), dx, dy,
# dz, gamma, cov.  Run from the repository root:
#     Rscript bench/gstat/vario_anis.R
suppressPackageStartupMessages(library(gstat))
# gstat wants angles in [0, 360): dip -30 is written 330 below.
# gstat warns that a rake (third angle) follows GSLIB 2 code exactly,
# including its documented convention issue; reemud reproduces GSLIB setrot.
suppressWarnings({

# Each case: reemud string and the equivalent gstat vgm().
cases <- list(
  list("0.1 Nug + 0.5 Sph(300, 150, 20; 30, 0, 0)",
       vgm(0.5, "Sph", 300, anis = c(30, 0, 0, 0.5, 20 / 300), add.to = vgm(0.1, "Nug", 0))),
  list("1 Sph(300, 150; 30)",
       vgm(1, "Sph", 300, anis = c(30, 0.5))),
  list("2 Exp(100, 40, 10; 60, 20, 0)",
       vgm(2, "Exp", 100, anis = c(60, 20, 0, 0.4, 0.1))),
  list("1.5 Gau(200, 80, 25; 120, -30, 15)",
       vgm(1.5, "Gau", 200, anis = c(120, 330, 15, 0.4, 0.125))),
  list("0.2 Nug + 1 Sph(500, 250, 50; 300, 10, 40) + 0.5 Exp(80)",
       vgm(1, "Sph", 500, anis = c(300, 10, 40, 0.5, 0.1),
           add.to = vgm(0.5, "Exp", 80, add.to = vgm(0.2, "Nug", 0)))),
  list("1 Sph(400, 100, 30; 45, 35, 70)",
       vgm(1, "Sph", 400, anis = c(45, 35, 70, 0.25, 0.075)))
)

set.seed(20260131)
nvec <- 25
vecs <- rbind(c(0, 0, 0), c(1, 0, 0), c(0, 1, 0), c(0, 0, 1),
              c(100, 0, 0), c(0, 100, 0), c(0, 0, 10),
              cbind(runif(nvec - 7, -150, 150), runif(nvec - 7, -150, 150),
                    runif(nvec - 7, -12, 12)))
rows <- list()
for (cs in cases) {
  for (i in seq_len(nrow(vecs))) {
    d <- vecs[i, ]
    h <- sqrt(sum(d^2))
    dir <- if (h > 0) d / h else c(1, 0, 0)
    g <- variogramLine(cs[[2]], dist_vector = h, dir = dir)$gamma
    cv <- variogramLine(cs[[2]], dist_vector = h, dir = dir, covariance = TRUE)$gamma
    rows[[length(rows) + 1]] <- data.frame(model = cs[[1]], dx = d[1], dy = d[2], dz = d[3],
                                           gamma = g, cov = cv)
  }
}
out <- do.call(rbind, rows)
for (col in c("dx", "dy", "dz", "gamma", "cov"))
  out[[col]] <- sprintf("%.17g", out[[col]])
write.csv(out, "tests/data/gstat/vario_anis.csv", row.names = FALSE, quote = 1)
})
