# conv_ref.R - reference values for test_conv.c's QE and BC checks, from an independent R
# re-implementation of estmeansd 1.0.1 (not installed here): qe.fit's least squares with its
# starting values and boxes (optim L-BFGS-B with R's default control: "qe-default", which
# reproduces the QE values printed in metafor's conv.fivenum docs and estmeansd's README;
# with factr = 1, pgtol = 0: "qe-tight"; L-BFGS-B's finite-difference gradient (ndeps 1e-3)
# stops it short of the least-squares minimum by ~1e-5 relative, so "qe-nm" polishes the
# tight solution with Nelder-Mead, reltol 1e-15, inside the same box), and bc.mean.sd's
# deterministic avoid.mc = TRUE path with tight optimize()/integrate() tolerances.
# Usage: Rscript tests/ref/conv_ref.R > tests/data/conv/mcgrath_ref.csv
luo <- function(x, n, s) {
  if (s == 1) { w <- 4 / (4 + n^0.75); w * (x[1] + x[3]) / 2 + (1 - w) * x[2] }
  else if (s == 2) { w <- 0.7 + 0.39 / n; w * (x[1] + x[3]) / 2 + (1 - w) * x[2] }
  else { w1 <- 2.2 / (2.2 + n^0.75); w2 <- 0.7 - 0.72 / n^0.55
         w1 * (x[1] + x[5]) / 2 + w2 * (x[2] + x[4]) / 2 + (1 - w1 - w2) * x[3] }
}
xi  <- function(n) 2 * qnorm((n - 0.375) / (n + 0.25))
eta <- function(n) 2 * qnorm((0.75 * n - 0.125) / (n + 0.25))
wan <- function(x, n, s) {
  if (s == 1) (x[3] - x[1]) / xi(n)
  else if (s == 2) (x[3] - x[1]) / eta(n)
  else 0.5 * ((x[5] - x[1]) / xi(n) + (x[4] - x[2]) / eta(n))
}

qe <- function(x, n, s, mode) {
  tight <- mode != "default"
  p <- if (s == 1) c(1/n, 0.5, 1 - 1/n) else if (s == 2) c(0.25, 0.5, 0.75) else c(1/n, 0.25, 0.5, 0.75, 1 - 1/n)
  mh <- luo(x, n, s); sh <- wan(x, n, s)
  lo <- if (s == 3) x[2] else x[1]; hi <- if (s == 3) x[4] else x[3]
  ctl <- if (tight) list(factr = 1, pgtol = 0, maxit = 10000) else list()
  fit <- function(q, start, lower, upper) {
    f <- function(t) sum((q(p, t[1], t[2]) - x)^2)
    o <- tryCatch(optim(start, f, method = "L-BFGS-B", lower = lower, upper = upper,
                        control = ctl), error = function(e) NULL)
    if (!is.null(o) && mode == "nm") {
      fb <- function(t) if (any(t < lower | t > upper)) Inf else f(t)
      for (i in 1:5) o <- optim(o$par, fb, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 1e5))
    }
    o
  }
  cv2 <- (sh / mh)^2
  k0 <- (mh / sh)^1.086
  k0 <- tryCatch(nlminb(k0, function(k) ((sh / mh) - sqrt(gamma((k + 2)/k) / gamma((k + 1)/k)^2 - 1))^2,
                        lower = 1e-3)$par, error = function(e) k0)
  fits <- list(
    normal = fit(function(p, a, b) qnorm(p, a, b), c(mh, sh), c(lo, 1e-3), c(hi, 50)),
    lognormal = fit(function(p, a, b) qlnorm(p, a, b), c(log(mh / sqrt(1 + cv2)), sqrt(log(1 + cv2))),
                    c(log(lo), 1e-3), c(log(hi), 10)),
    gamma = fit(function(p, a, b) qgamma(p, a, b), c(mh^2 / sh^2, mh / sh^2), c(1e-3, 1e-3), c(100, 100)),
    weibull = fit(function(p, a, b) qweibull(p, a, b), c(k0, mh / gamma((k0 + 1) / k0)), c(1e-3, 1e-3), c(100, 100)))
  v <- sapply(fits, function(f) if (is.null(f)) Inf else f$value)
  b <- names(which.min(v)); t <- fits[[b]]$par
  ms <- switch(b, normal = c(t[1], t[2]),
               lognormal = c(exp(t[1] + t[2]^2 / 2), sqrt((exp(t[2]^2) - 1) * exp(2 * t[1] + t[2]^2))),
               gamma = c(t[1] / t[2], sqrt(t[1]) / t[2]),
               weibull = c(t[2] * gamma(1 + 1/t[1]), t[2] * sqrt(gamma(1 + 2/t[1]) - gamma(1 + 1/t[1])^2)))
  c(b, ms, v[[b]])
}

bc <- function(x, n, s) {
  tr <- function(v, l) if (abs(l) < 1e-8) log(v) else (v^l - 1) / l
  asym <- function(l) {
    t <- tr(x, l)
    if (s != 3) ((t[3] - t[2]) / (t[2] - t[1]) - 1)^2
    else ((t[4] - t[3]) / (t[3] - t[2]) - 1)^2 + ((t[5] - t[3]) / (t[3] - t[1]) - 1)^2
  }
  l <- if (asym(0) < 1e-8) 0 else optimize(asym, c(-2, 3), tol = 1e-12)$minimum
  l <- if (abs(l) < 1e-8) 0 else max(0, l)
  t <- tr(x, l); mu <- luo(t, n, s); sg <- wan(t, n, s)
  if (l > 1e-2) {
    lw <- -1 / l; up <- 2 * mu + 1 / l
    nz <- 1 / (pnorm(up, mu, sg) - pnorm(lw, mu, sg))
    g <- function(y) (l * y + 1)^(1 / l)
    e <- integrate(function(y) nz * dnorm(y, mu, sg) * g(y), lw, up, rel.tol = 1e-12)$value
    v <- integrate(function(y) nz * dnorm(y, mu, sg) * (g(y) - e)^2, lw, up, rel.tol = 1e-12)$value
  } else {
    e <- exp(mu + sg^2 / 2); v <- (exp(sg^2) - 1) * exp(2 * mu + sg^2)
  }
  c(l, e, sqrt(v))
}

cases <- list(
  list("metafor-doc-S1", 1, c(2, 6, 14), 20),
  list("metafor-doc-S2", 2, c(4, 6, 10), 20),
  list("metafor-doc-S3", 3, c(2, 4, 6, 10, 14), 20),
  list("estmeansd-README-S1", 1, c(2, 4, 9), 100),
  list("metaBLUE-S1", 1, c(1, 4, 10), 30),
  list("gold-S2", 2, c(35, 40, 46.5), 111),
  list("metaBLUE-S3", 3, c(1.5, 3, 5.5, 8, 12), 67),
  list("skewed-S3", 3, c(2, 4, 6, 14, 20), 20))
cat("case,scenario,quantiles,n,method,family_or_lambda,mean,sd,objective\n")
for (cs in cases) {
  q <- paste(format(cs[[3]], digits = 17, trim = TRUE), collapse = ";")
  for (mode in c("default", "tight", "nm")) {
    r <- qe(cs[[3]], cs[[4]], cs[[2]], mode)
    cat(sprintf("%s,%d,%s,%g,qe-%s,%s,%.17g,%.17g,%.17g\n", cs[[1]], cs[[2]], q, cs[[4]],
                mode, r[1], as.numeric(r[2]), as.numeric(r[3]), as.numeric(r[4])))
  }
  r <- bc(cs[[3]], cs[[4]], cs[[2]])
  cat(sprintf("%s,%d,%s,%g,bc-avoidmc,%.17g,%.17g,%.17g,\n", cs[[1]], cs[[2]], q, cs[[4]], r[1], r[2], r[3]))
}
