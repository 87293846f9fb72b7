# compare.R — max |difference| of reemud's and gstat's estimates and variances.
# Usage: Rscript compare.R REEMUD.csv GSTAT.csv DATA.csv
a <- commandArgs(TRUE)
r <- read.csv(a[1]); g <- read.csv(a[2]); d <- read.csv(a[3])
de <- max(abs(r$v_est - g$est)); dv <- max(abs(r$v_var - g$var))
rng <- diff(range(d$v))
cat(sprintf("rows %d/%d  max|d est| %.3g (%.3g x range)  max|d var| %.3g  %s\n",
            nrow(r), nrow(g), de, de / rng, dv,
            ifelse(nrow(r) == nrow(g) && de <= 1e-6 * rng && dv <= 1e-6 * rng, "AGREE", "DIFFER")))
