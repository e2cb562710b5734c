/* conv_priv.h - helpers shared by conv.c (closed forms, Cochrane) and conv_mcgrath.c
 * (McGrath 2020 quantile estimation and Box-Cox). Not part of the contract. */
#ifndef CONV_PRIV_H
#define CONV_PRIV_H

#include <stddef.h>

#include "conv.h"

/* The quantiles of one arm in a fixed order, with the scenario they make. */
typedef struct {
    int    scen;                        /* 1, 2, 3 */
    double n, a, q1, m, q3, b;          /* a = min, b = max; NAN where the scenario has none */
} conv_q_t;

/* Wan 2014 eq. 9 and 16 (Blom's approximation): E(range)/sigma and E(IQR)/sigma for n. */
double conv_xi(double n);
double conv_eta(double n);
/* Luo 2018 mean (eq. 7, 11, 15) and Wan 2014 SD (eq. 9, 16, 13) of q in its scenario. */
double conv_luo_mean(const conv_q_t *q);
double conv_wan_sd(const conv_q_t *q);

/* McGrath 2020 QE: best of normal, log-normal, gamma, Weibull, beta by least squares on the
 * quantiles; *family names the winner. McGrath 2020 BC, deterministic back-transform;
 * *lambda is the Box-Cox power used. 0 or -1 with a reason in err. */
int conv_qe(const conv_q_t *q, double tol, int max_iter, double *mean, double *sd,
            const char **family, char *err, size_t errlen);
int conv_bc(const conv_q_t *q, double tol, int max_iter, double *mean, double *sd,
            double *lambda, char *err, size_t errlen);

/* printf into err (when err and errlen allow); returns -1 for `return conv_err(...)`. */
int conv_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
