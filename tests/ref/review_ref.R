# review_ref.R - metafor's results for the three analyses of the MSC review (reviews/*.review),
# computed from the raw numbers of each row, independently of bin/pool.
#
# Input: tests/ref/review/NAME.inputs.csv, written from the seeds and the frozen specs by
#   . tests/e2e/seeds.inc; bin/extract -o r.jsonl $SEEDS &&
#   bin/pool -q --records r.jsonl --outdir DIR tests/ref/review/{age,tbil,death}.review
#   (then copy DIR/*.inputs.csv here)
# (columns: the raw figures each row points at: n, mean, sd, median, q1, q3, min, max, events
# per arm, est/est_lb/est_ub for a hazard ratio, flip). pool's own yi and vi in that file are
# NOT used here: every conversion and effect size is recomputed below from the formulas.
# Output: tests/ref/review/NAME_ref.csv (one row per study and the pooled values), read by
# tests/e2e/pool_review.sh.
#
# Run from the repository root: Rscript tests/ref/review_ref.R   (metafor 3.8-1, R 4.2)
suppressPackageStartupMessages(library(metafor))
dir <- "tests/ref/review"
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# Mean and SD from a median and its IQR (S2) or range (S1), as the "luo/wan/shi" default:
# Luo, Wan, Liu & Tong (2018) for the mean; Wan, Wang, Liu & Tong (2014) for the SD of S1 and
# S2; Shi et al. (2020, eq. 10) for the SD when both are given (S3).
conv <- function(n, a, q1, m, q3, b) {
  s1 <- !is.na(a) && !is.na(b); s2 <- !is.na(q1) && !is.na(q3)
  xi  <- 2 * qnorm((n - 0.375) / (n + 0.25))
  eta <- 2 * qnorm((0.75 * n - 0.125) / (n + 0.25))
  if (s1 && s2) {
    w1 <- 2.2 / (2.2 + n^0.75); w2 <- 0.7 - 0.72 / n^0.55
    mean <- w1 * (a + b) / 2 + w2 * (q1 + q3) / 2 + (1 - w1 - w2) * m
    w <- 1 / (1 + 0.07 * n^0.6)
    sd <- w * (b - a) / xi + (1 - w) * (q3 - q1) / eta
  } else if (s2) {
    w <- 0.7 + 0.39 / n
    mean <- w * (q1 + q3) / 2 + (1 - w) * m
    sd <- (q3 - q1) / eta
  } else if (s1) {
    w <- 4 / (4 + n^0.75)
    mean <- w * (a + b) / 2 + (1 - w) * m
    sd <- (b - a) / xi
  } else stop("no IQR or range")
  c(mean, sd)
}

arm_mean_sd <- function(d, i, s) {
  mean <- d[[paste0("mean", s)]][i]; sd <- d[[paste0("sd", s)]][i]; n <- d[[paste0("n", s)]][i]
  if (!is.na(mean) && !is.na(sd)) return(c(mean, sd))
  conv(n, d[[paste0("min", s)]][i], d[[paste0("q1_", s)]][i], d[[paste0("median", s)]][i],
       d[[paste0("q3_", s)]][i], d[[paste0("max", s)]][i])
}

ctrl <- list(threshold = 1e-13, maxiter = 10000, tol = 1e-15)

for (name in c("age", "tbil", "death")) {
  d <- read.csv(file.path(dir, paste0(name, ".inputs.csv")), stringsAsFactors = FALSE)
  d <- d[d$status == "entered", ]
  yi <- vi <- numeric(nrow(d))
  for (i in seq_len(nrow(d))) {
    es <- d$es[i]
    if (es == "MN") {
      ms <- arm_mean_sd(d, i, 1)
      e <- escalc("MN", mi = ms[1], sdi = ms[2], ni = d$n1[i])
    } else if (es == "HR") {
      z <- qnorm(1 - (1 - d$level[i] / 100) / 2)
      e <- list(yi = log(d$est[i]), vi = ((log(d$est_ub[i]) - log(d$est_lb[i])) / (2 * z))^2)
    } else if (es %in% c("RR", "OR", "RD")) {
      e <- escalc(es, ai = d$events1[i], n1i = d$n1[i], ci = d$events2[i], n2i = d$n2[i])
    } else stop(paste("measure", es))
    yi[i] <- c(e$yi) * ifelse(d$flip[i] == 1, -1, 1)
    vi[i] <- c(e$vi)
  }
  r <- rma(yi, vi, method = "REML", test = "z", control = ctrl)
  p <- predict(r)
  cf <- confint(r, control = list(tol = 1e-15, tau2.max = 100 * max(1, var(yi), r$tau2)))
  ss <- summary(escalc(yi = yi, vi = vi), level = 95)
  rows <- data.frame(row = "study", label = d$label, yi = yi, vi = vi, weight = weights(r),
                     ci_lb = ss$ci.lb, ci_ub = ss$ci.ub)
  pooled <- data.frame(row = "pooled", label = "REML", yi = c(r$beta), vi = r$se^2, weight = 100,
                       ci_lb = r$ci.lb, ci_ub = r$ci.ub)
  out <- rbind(rows, pooled)
  out$k <- r$k; out$estimate <- c(r$beta); out$se <- r$se; out$stat <- r$zval
  out$pval <- r$pval; out$pi_lb <- p$pi.lb; out$pi_ub <- p$pi.ub; out$tau2 <- r$tau2
  out$tau2_ci_lb <- cf$random[1, 2]; out$tau2_ci_ub <- cf$random[1, 3]
  out$I2 <- r$I2; out$H2 <- r$H2; out$Q <- r$QE; out$Q_p <- r$QEp
  for (j in seq_along(out)) if (is.numeric(out[[j]])) out[[j]] <- f17(out[[j]])
  write.csv(out, file.path(dir, paste0(name, "_ref.csv")), row.names = FALSE, quote = TRUE)
}
