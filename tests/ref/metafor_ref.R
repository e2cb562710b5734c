# metafor_ref.R - reference values for bin/pool, from R's metafor run with a tight control.
#
# Regenerate (from the repository root; needs R with metafor, Debian r-cran-metafor):
#     Rscript tests/ref/metafor_ref.R
# It writes tests/ref/input/*.csv (the inputs bin/pool reads) and tests/ref/*.csv (metafor's
# numbers). The tests never run R: they read the committed files. Made with metafor 3.8-1.
#
# Files written:
#   input/CASE.csv    one per data set (see `cases` below for which measure each is pooled with)
#   cases.csv         case, input file, --measure for bin/pool
#   escalc.csv        case, study, yi, vi (escalc)
#   summary.csv       case, method, test, k, estimate, se, stat, pval, ci_lb, ci_ub, pi_lb, pi_ub,
#                     tau2, tau, tau2_ci_lb, tau2_ci_ub, I2, H2, Q, Q_df, Q_p, threshold (the
#                     Fisher-scoring threshold metafor converged with)
#   studies.csv       case, method, test, study, yi, vi, weight, ci_lb, ci_ub
#   leave1out.csv     case, method, test, study, estimate, se, stat, pval, ci_lb, ci_ub, Q, Q_p,
#                     tau2, I2, H2
#   by.csv            case, method, test, QM, QM_df, QM_df2, QM_p, QE, QE_df, tau2 (mods =
#                     ~ factor(group)), and per subgroup: group, k, estimate, se, ci_lb, ci_ub, tau2
#   regtest.csv       case, method, test, stat, pval, df, est, ci_lb, ci_ub
suppressMessages(library(metafor))

out <- "tests/ref"
dir.create(file.path(out, "input"), showWarnings = FALSE, recursive = TRUE)
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
wcsv <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- f17(df[[j]])
  write.csv(df, file.path(out, file), row.names = FALSE, quote = TRUE)
}

# tight control: Fisher scoring to 1e-13 (change in tau2), uniroot (PM, confint) to 1e-15
ctrl <- list(threshold = 1e-13, maxiter = 10000, tol = 1e-15)

# ---- inputs ----
bcg <- data.frame(study = dat.bcg$author, ai = dat.bcg$tpos, bi = dat.bcg$tneg,
                  ci = dat.bcg$cpos, di = dat.bcg$cneg, group = dat.bcg$alloc)
normand <- data.frame(study = dat.normand1999$source, m1i = dat.normand1999$m1i,
                      sd1i = dat.normand1999$sd1i, n1i = dat.normand1999$n1i,
                      m2i = dat.normand1999$m2i, sd2i = dat.normand1999$sd2i,
                      n2i = dat.normand1999$n2i)
normand_mn <- data.frame(study = dat.normand1999$source, mi = dat.normand1999$m1i,
                         sdi = dat.normand1999$sd1i, ni = dat.normand1999$n1i)
hack <- data.frame(study = paste(dat.hackshaw1998$author, dat.hackshaw1998$year),
                   yi = dat.hackshaw1998$yi, vi = dat.hackshaw1998$vi)
niel <- data.frame(study = paste(dat.nielweise2007$author, dat.nielweise2007$year),
                   ai = dat.nielweise2007$ai, n1i = dat.nielweise2007$n1i,
                   ci = dat.nielweise2007$ci, n2i = dat.nielweise2007$n2i)
# hazard ratios with 95% CIs as articles print them (two decimals), made up for the test
hr <- data.frame(study = c("Alpha 2001", "Beta 2004", "Gamma, Delta 2008", "Epsilon 2011",
                           "Zeta 2015", "Eta 2019", "Theta 2021"),
                 hr = c(0.72, 0.85, 0.61, 1.05, 0.78, 0.93, 0.55),
                 ci_lb = c(0.55, 0.70, 0.41, 0.80, 0.60, 0.81, 0.33),
                 ci_ub = c(0.94, 1.03, 0.91, 1.38, 1.01, 1.07, 0.92))
write.csv(bcg, file.path(out, "input/bcg.csv"), row.names = FALSE)
write.csv(normand, file.path(out, "input/normand.csv"), row.names = FALSE)
write.csv(normand_mn, file.path(out, "input/normand_mn.csv"), row.names = FALSE)
write.csv(hack, file.path(out, "input/hackshaw.csv"), row.names = FALSE)
write.csv(niel, file.path(out, "input/nielweise.csv"), row.names = FALSE)
write.csv(hr, file.path(out, "input/hr.csv"), row.names = FALSE)

z975 <- qnorm(0.975)
es <- list(
  bcg_RR = escalc("RR", ai = ai, bi = bi, ci = ci, di = di, data = bcg),
  bcg_OR = escalc("OR", ai = ai, bi = bi, ci = ci, di = di, data = bcg),
  bcg_RD = escalc("RD", ai = ai, bi = bi, ci = ci, di = di, data = bcg),
  normand_MD = escalc("MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                      n2i = n2i, data = normand),
  normand_SMD = escalc("SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                       n2i = n2i, data = normand),
  normand_ROM = escalc("ROM", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                       n2i = n2i, data = normand),
  normand_MN = escalc("MN", mi = mi, sdi = sdi, ni = ni, data = normand_mn),
  hackshaw = escalc("GEN", yi = yi, vi = vi, data = hack),
  nielweise_OR = escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = niel),
  hr = escalc("GEN", yi = log(hr$hr), sei = (log(hr$ci_ub) - log(hr$ci_lb)) / (2 * z975))
)
cases <- data.frame(
  case = names(es),
  input = c("bcg.csv", "bcg.csv", "bcg.csv", "normand.csv", "normand.csv", "normand.csv",
            "normand_mn.csv", "hackshaw.csv", "nielweise.csv", "hr.csv"),
  measure = c("RR", "OR", "RD", "MD", "SMD", "ROM", "MN", "", "OR", ""))
write.csv(cases, file.path(out, "cases.csv"), row.names = FALSE)

esc <- do.call(rbind, lapply(names(es), function(n)
  data.frame(case = n, study = seq_along(es[[n]]$yi), yi = c(es[[n]]$yi), vi = es[[n]]$vi)))
wcsv(esc, "escalc.csv")

methods <- c("FE", "DL", "REML", "ML", "PM", "HS", "SJ", "HE", "EB")
tests <- c("z", "knha")
# Fisher scoring can stall in rounding noise below 1e-13; then the threshold is relaxed
# (1e-12, 1e-11, 1e-10) and the one used is recorded in summary.csv (column threshold).
used_threshold <- NA
fit <- function(d, method, test, ...) {
  for (th in c(1e-13, 1e-12, 1e-11, 1e-10)) {
    ct <- ctrl; ct$threshold <- th
    r <- try(suppressWarnings(rma(yi, vi, data = d, method = method, test = test,
                                  control = ct, ...)), silent = TRUE)
    if (!inherits(r, "try-error")) { used_threshold <<- th; return(r) }
  }
  stop("no convergence")
}

summ <- list(); stud <- list(); l1o <- list(); reg <- list()
for (n in names(es)) {
  d <- es[[n]]
  for (m in methods) for (t in tests) {
    r <- fit(d, m, t)
    p <- predict(r)
    pi <- if (m == "FE") c(NA, NA) else c(p$pi.lb, p$pi.ub)
    ci <- c(NA, NA)
    if (m != "FE") {
      cf <- confint(r, control = list(tol = 1e-15, tau2.max = 100 * max(1, var(d$yi), r$tau2)))
      ci <- cf$random[1, 2:3]
    }
    summ[[length(summ) + 1]] <- data.frame(case = n, method = m, test = t, k = r$k,
      estimate = c(r$beta), se = r$se, stat = r$zval, pval = r$pval, ci_lb = r$ci.lb,
      ci_ub = r$ci.ub, pi_lb = pi[1], pi_ub = pi[2], tau2 = r$tau2, tau = sqrt(r$tau2),
      tau2_ci_lb = ci[1], tau2_ci_ub = ci[2], I2 = r$I2, H2 = r$H2, Q = r$QE, Q_df = r$k - r$p,
      Q_p = r$QEp, threshold = used_threshold)
    ss <- summary(escalc(yi = d$yi, vi = d$vi), level = 95)
    stud[[length(stud) + 1]] <- data.frame(case = n, method = m, test = t,
      study = seq_along(d$yi), yi = c(d$yi), vi = d$vi, weight = weights(r),
      ci_lb = ss$ci.lb, ci_ub = ss$ci.ub)
    if (m %in% c("FE", "DL", "REML", "PM")) {
      l <- leave1out(r)
      # leave1out() reuses the fit's control: where Fisher scoring stalls at 1e-13 it gives NA;
      # refit that study's subset with the relaxed threshold, as fit() does
      for (i in which(is.na(l$estimate))) {
        s <- fit(d[-i, ], m, t)
        l$estimate[i] <- c(s$beta); l$se[i] <- s$se; l$pval[i] <- s$pval
        if (t == "z") l$zval[i] <- s$zval else l$tval[i] <- s$zval
        l$ci.lb[i] <- s$ci.lb; l$ci.ub[i] <- s$ci.ub; l$Q[i] <- s$QE; l$Qp[i] <- s$QEp
        l$tau2[i] <- s$tau2; l$I2[i] <- s$I2; l$H2[i] <- s$H2
      }
      l1o[[length(l1o) + 1]] <- data.frame(case = n, method = m, test = t,
        study = seq_along(l$estimate), estimate = l$estimate, se = l$se,
        stat = if (t == "z") l$zval else l$tval, pval = l$pval, ci_lb = l$ci.lb,
        ci_ub = l$ci.ub, Q = l$Q, Q_p = l$Qp, tau2 = if (m == "FE") 0 else l$tau2,
        I2 = l$I2, H2 = l$H2)
      g <- regtest(r)
      reg[[length(reg) + 1]] <- data.frame(case = n, method = m, test = t, stat = g$zval,
        pval = g$pval, df = if (is.null(g$dfs)) NA else g$dfs, est = g$est, ci_lb = g$ci.lb,
        ci_ub = g$ci.ub)
    }
  }
}
wcsv(do.call(rbind, summ), "summary.csv")
wcsv(do.call(rbind, stud), "studies.csv")
wcsv(do.call(rbind, l1o), "leave1out.csv")
wcsv(do.call(rbind, reg), "regtest.csv")

# subgroups: dat.bcg by allocation, rma(mods = ~ factor(group)) with one common tau2
byl <- list()
for (n in c("bcg_RR", "bcg_OR")) {
  d <- es[[n]]
  for (m in c("FE", "DL", "REML", "PM")) for (t in tests) {
    r <- fit(d, m, t, mods = ~ factor(group))
    base <- data.frame(case = n, method = m, test = t, QM = r$QM, QM_df = r$QMdf[1],
      QM_df2 = r$QMdf[2], QM_p = r$QMp, QE = r$QE, QE_df = r$k - r$p, mods_tau2 = r$tau2)
    for (gname in sort(unique(d$group))) {
      s <- fit(d[d$group == gname, ], m, t)
      byl[[length(byl) + 1]] <- cbind(base, data.frame(group = gname, k = s$k,
        estimate = c(s$beta), se = s$se, ci_lb = s$ci.lb, ci_ub = s$ci.ub, tau2 = s$tau2))
    }
  }
}
wcsv(do.call(rbind, byl), "by.csv")
cat("wrote", out, "\n")
