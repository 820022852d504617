# Recomputes the lägesbild's weighted figures with R's survey package and compares them with
# what the C++ library exported (td_picture_reference_export): calibration weights, shares,
# standard errors and logit intervals of every question with a negative share and of its
# breakdown cells, weighted means, concern scores, trends and their Benjamini–Hochberg
# adjustment, for the demo data as a whole, a locality and a date range. Agreement to 1e-6.
#
# svydesign (one stage, equal design weights N/n), calibrate (raking; its own calfun "raking"
# is required to agree wherever no weight sits at a bound, since its Newton steps do not
# converge once bounds bind, so the bounded weights come from truncatedRake below), svymean and
# svyby for the estimates and their linearised standard errors, svyciprop with method "xlogit"
# for the logit interval (the delta method on the logit of svymean; "logit" fits the same
# interval through svyglm, which fails to converge in cells of two or three).
#
# Usage: Rscript --vanilla r_reference.R EXPORT_DIR

suppressMessages(library(survey))
options(survey.lonely.psu = "fail", warn = 1)

dir <- commandArgs(TRUE)[1]
readCsv <- function(name) read.csv(file.path(dir, name), stringsAsFactors = FALSE,
                                   na.strings = "NA", check.names = FALSE)
resp <- readCsv("respondents.csv")
margins <- readCsv("margins.csv")
cases <- read.csv(file.path(dir, "cases.csv"), stringsAsFactors = FALSE, na.strings = "",
                  colClasses = "character")
exported <- readCsv("figures.csv")
z <- qnorm(0.975)
tolerance <- 1e-6

questions <- sub("^neg_", "", grep("^neg_", names(resp), value = TRUE))
numbers <- sub("^num_", "", grep("^num_", names(resp), value = TRUE))
areas <- sub("^score_", "", grep("^score_", names(resp), value = TRUE))
# A variable's domain is where it is given (has_<y>); outside it the value is never used.
for (y in grep("^(neg|num|score)_", names(resp), value = TRUE)) {
  resp[[paste0("has_", y)]] <- !is.na(resp[[y]])
  resp[[y]][is.na(resp[[y]])] <- 0
}

# Sparse categories pooled as docs/lagesbild.md says: the smallest group below the minimum joins
# its smaller neighbour (ordered dimensions) or the smallest other group, until none is below.
pool <- function(counts, ordered, minGroup) {
  groups <- as.list(seq_along(counts))
  size <- counts
  while (length(groups) > 1) {
    s <- which.min(size)
    if (size[s] >= minGroup) break
    if (ordered) {
      o <- if (s == 1) 2 else if (s == length(groups)) s - 1 else
        if (size[s + 1] < size[s - 1]) s + 1 else s - 1
    } else {
      others <- setdiff(seq_along(groups), s)
      o <- others[which.min(size[others])]
    }
    keep <- min(s, o)
    drop <- max(s, o)
    groups[[keep]] <- sort(c(groups[[keep]], groups[[drop]]))
    size[keep] <- size[keep] + size[drop]
    groups[[drop]] <- NULL
    size <- size[-drop]
  }
  groups
}

# A raking factor for one margin over the design's respondents and its population totals:
# categories (pooled), and those who did not answer with their sample share of N.
rakingFactor <- function(values, dimension, N, minGroup) {
  m <- margins[margins$dimension == dimension, ]
  n <- length(values)
  counts <- sapply(m$category, function(c) sum(values == c))
  unknown <- sum(!(values %in% m$category))
  label <- rep(NA_character_, n)
  totals <- c()
  for (g in pool(counts, dimension == "age_band", minGroup)) {
    name <- paste(m$category[g], collapse = "+")
    label[values %in% m$category[g]] <- name
    totals[name] <- sum(m$total[g]) * (n - unknown) / n * N / sum(m$total)
  }
  if (unknown > 0) {
    label[!(values %in% m$category)] <- "unknown"
    totals["unknown"] <- N * unknown / n
  }
  list(factor = factor(label, levels = names(totals)), totals = totals)
}

# Truncated raking written out: cyclic exact updates of one factor per margin group, each
# solved (uniroot) so that the group's clipped weights add up to its population.
truncatedRake <- function(d, dims, totals, d0, lower, upper) {
  f <- lapply(dims, function(dim) setNames(rep(1, nlevels(d[[dim]])), levels(d[[dim]])))
  product <- function(skip) {
    p <- rep(1, nrow(d))
    for (k in seq_along(dims))
      if (k != skip) p <- p * f[[k]][as.character(d[[dims[k]]])]
    p
  }
  for (sweep in 1:5000) {
    for (k in seq_along(dims)) {
      r <- product(k)
      for (level in levels(d[[dims[k]]])) {
        rk <- r[d[[dims[k]]] == level]
        target <- totals[[k]][[level]] / d0
        h <- function(F) sum(pmin(pmax(F * rk, lower), upper)) - target
        low <- lower / max(rk) * 0.999
        high <- upper / min(rk) * 1.001
        # A target out of the bounds' reach in this sweep: as close as they allow.
        f[[k]][[level]] <- if (h(high) <= 0) high else if (h(low) >= 0) low else
          uniroot(h, c(low, high), tol = 1e-14)$root
      }
    }
    g <- pmin(pmax(product(0), lower), upper)
    misfit <- 0
    for (k in seq_along(dims)) {
      achieved <- tapply(g * d0, d[[dims[k]]], sum)
      misfit <- max(misfit, abs(achieved - totals[[k]][names(achieved)]) /
                              (1 + totals[[k]][names(achieved)]))
    }
    if (misfit < 1e-12) return(g)
  }
  stop("truncated raking did not converge")
}

# The design calibrated to the margins: the weights from truncatedRake, carried into the
# survey package's calibration (its variance then projects on the raking groups), and, when no
# weight sits at a bound, the package's own raking required to give the same weights.
calibrated <- function(rows, case) {
  d <- resp[rows, ]
  N <- sum(margins$total[margins$dimension == "age_band"])
  n <- nrow(d)
  d0 <- N / n
  d$d0 <- d0
  dims <- unique(margins$dimension)
  population <- c("(Intercept)" = N)
  totals <- list()
  for (dim in dims) {
    f <- rakingFactor(d[[dim]], dim, N, as.numeric(case$min_group))
    d[[paste0("cal_", dim)]] <- f$factor
    totals[[dim]] <- f$totals
    rest <- levels(f$factor)[-1]
    population[paste0("cal_", dim, rest)] <- f$totals[rest]
  }
  bounds <- as.numeric(c(case$lower, case$upper))
  g <- truncatedRake(d, paste0("cal_", dims), totals, d0, bounds[1], bounds[2])
  formula <- as.formula(paste("~", paste0("cal_", dims, collapse = " + ")))
  design <- svydesign(ids = ~1, weights = ~d0, data = d)
  given <- make.calfun(Fm1 = function(u, bounds) g - 1, dF = function(u, bounds) rep(1, length(u)),
                       name = "the raked weights")
  result <- calibrate(design, formula, population = population, calfun = given,
                      epsilon = 1e-10)
  if (all(g > bounds[1] & g < bounds[2])) {
    own <- calibrate(design, formula, population = population, calfun = "raking",
                     bounds = bounds, epsilon = 1e-12, maxit = 500)
    if (max(abs(weights(own) - weights(result))) > 1e-9) stop("raking results differ")
  }
  result
}

out <- data.frame(case = character(), item = character(), stat = character(),
                  value = numeric(), stringsAsFactors = FALSE)
put <- function(c, item, stat, value) {
  out[nrow(out) + 1, ] <<- list(c, item, stat, value)
}

# Share, standard error and interval of variable y over a domain of the design. At 0 or 1,
# where the linearised variance is 0, the documented exact bound on the n answers.
shareOf <- function(design, y) {
  m <- svymean(as.formula(paste0("~", y)), design)
  p <- unname(coef(m))
  n <- sum(weights(design) > 0)
  ci <- if (p <= 0) c(0, 1 - 0.025^(1 / n)) else if (p >= 1) c(0.025^(1 / n), 1) else
    as.numeric(attr(suppressWarnings(svyciprop(as.formula(paste0("~", y)), design,
                                               method = "xlogit", df = Inf)), "ci"))
  list(share = p, se = unname(SE(m)), ci = ci)
}
# The cells of a breakdown with svyby: share and standard error per level, the logit interval
# per level (the exact bound where a cell's share is 0 or 1).
breakdown <- function(design, y, dim) {
  used <- design$variables[weights(design) > 0, ]
  formula <- as.formula(paste0("~", y))
  by <- as.formula(paste0("~", dim))
  means <- svyby(formula, by, design, svymean)
  cis <- suppressWarnings(svyby(formula, by, design, svyciprop, vartype = "ci",
                                method = "xlogit", df = Inf))
  cells <- list()
  keys <- as.character(means[[dim]])
  shares <- unname(coef(means))
  ses <- unname(SE(means))
  bounds <- cbind(cis$ci_l, cis$ci_u)
  for (i in seq_along(keys)) {
    p <- shares[i]
    n <- sum(used[[dim]] == keys[i])
    ci <- if (p <= 0) c(0, 1 - 0.025^(1 / n)) else if (p >= 1) c(0.025^(1 / n), 1) else
      bounds[i, ]
    cells[[keys[i]]] <- list(share = p, se = ses[i], ci = ci)
  }
  cells
}

putShare <- function(c, item, s) {
  put(c, item, "share", s$share)
  put(c, item, "se", s$se)
  put(c, item, "ci_low", s$ci[1])
  put(c, item, "ci_high", s$ci[2])
}

for (i in seq_len(nrow(cases))) {
  case <- cases[i, ]
  rows <- resp$campaign == case$campaign
  if (!is.na(case$from)) rows <- rows & resp$date >= case$from & resp$date <= case$to
  design <- calibrated(rows, case)
  put(case$case, "weighting", "converged", 1)
  exportedWeights <- resp[rows, paste0("w_", case$case)]
  worst <- max(abs(weights(design) - exportedWeights))
  if (!is.finite(worst) || worst > tolerance) {
    cat(sprintf("FAIL %s weights: largest difference %g\n", case$case, worst))
    quit(status = 1)
  }
  cat(sprintf("%s: %d respondents, weights agree to %.2g\n", case$case, sum(rows), worst))
  domain <- if (is.na(case$locality)) design else
    subset(design, locality == case$locality)
  previous <- NULL
  if (!is.na(case$compare)) {
    previousDesign <- calibrated(resp$campaign == case$compare, case)
    previous <- if (is.na(case$locality)) previousDesign else
      subset(previousDesign, locality == case$locality)
  }
  tests <- data.frame(item = character(), p = numeric(), stringsAsFactors = FALSE)
  trend <- function(item, now, then) {
    d <- now$share - then$share
    se <- sqrt(now$se^2 + then$se^2)
    put(case$case, item, "difference", d)
    put(case$case, item, "se", se)
    put(case$case, item, "ci_low", d - z * se)
    put(case$case, item, "ci_high", d + z * se)
    p <- 2 * pnorm(-abs(d / se))
    put(case$case, item, "p", p)
    tests[nrow(tests) + 1, ] <<- list(item, p)
  }
  for (q in questions) {
    y <- paste0("neg_", q)
    answered <- subset(domain, get(paste0("has_", y)))
    if (sum(weights(answered) > 0) == 0) next
    s <- shareOf(answered, y)
    putShare(case$case, paste0("q:", q), s)
    put(case$case, paste0("q:", q), "unweighted",
        mean(answered$variables[[y]][weights(answered) > 0]))
    for (dim in c("locality", "age_band", "gender")) {
      cells <- breakdown(answered, y, dim)
      for (key in names(cells))
        putShare(case$case, paste0("q:", q, "|", dim, "=", key), cells[[key]])
    }
    if (!is.null(previous)) {
      before <- subset(previous, get(paste0("has_", y)))
      if (sum(weights(before) > 0) > 0) trend(paste0("trend:", q), s, shareOf(before, y))
    }
  }
  for (q in numbers) {
    y <- paste0("num_", q)
    answered <- subset(domain, get(paste0("has_", y)))
    m <- svymean(as.formula(paste0("~", y)), answered)
    put(case$case, paste0("mean:", q), "mean", unname(coef(m)))
    put(case$case, paste0("mean:", q), "se", unname(SE(m)))
  }
  for (a in areas) {
    y <- paste0("score_", a)
    answered <- subset(domain, get(paste0("has_", y)))
    if (sum(weights(answered) > 0) == 0) next
    s <- shareOf(answered, y)
    putShare(case$case, paste0("area:", a), s)
    if (!is.null(previous)) {
      before <- subset(previous, get(paste0("has_", y)))
      if (sum(weights(before) > 0) > 0) trend(paste0("trend:area:", a), s, shareOf(before, y))
    }
  }
  if (nrow(tests) > 0) {
    adjusted <- p.adjust(tests$p, method = "BH")
    for (t in seq_len(nrow(tests))) put(case$case, tests$item[t], "p_adjusted", adjusted[t])
  }
}

key <- function(f) paste(f$case, f$item, f$stat, sep = " ")
mine <- setNames(out$value, key(out))
theirs <- setNames(exported$value, key(exported))
missing <- setdiff(names(theirs), names(mine))
extra <- setdiff(names(mine), names(theirs))
if (length(missing) > 0 || length(extra) > 0) {
  cat("FAIL figures not computed by R:", head(missing, 10), "\n")
  cat("FAIL figures not exported by C++:", head(extra, 10), "\n")
  quit(status = 1)
}
difference <- abs(mine[names(theirs)] - theirs)
bad <- names(difference)[!is.finite(difference) | difference > tolerance]
cat(sprintf("compared %d figures; largest difference %.3g\n", length(theirs),
            max(difference)))
if (length(bad) > 0) {
  for (b in head(bad, 30))
    cat(sprintf("FAIL %s: C++ %.12g, R %.12g\n", b, theirs[[b]], mine[[b]]))
  quit(status = 1)
}
if (length(theirs) < 1000) {
  cat("FAIL too few figures compared\n")
  quit(status = 1)
}
cat("OK\n")
