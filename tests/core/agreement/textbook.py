"""Slow, textbook forms of the chance-corrected coefficients, written unit by unit from Gwet (2014),
"Handbook of Inter-Rater Reliability" (4th ed.), for property tests of the vectorised ``measures``.

Notation as in Gwet: n units with at least one rating; r_i ratings of unit i; r_ik of them in category k;
r*_ik = sum_l w_kl r_il; agreement p_a averages, over the n2 units with r_i >= 2,
sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1)).

- Fleiss (missing data, Gwet 2014 eq. 5.?): pi_k = (1/n) sum_i r_ik / r_i; p_e = sum_kl w_kl pi_k pi_l.
- Gwet's AC1/AC2 (2008; 2014 ch. 4): p_e = T_w / (q (q - 1)) sum_k pi_k (1 - pi_k), T_w = sum of weights.
- Brennan-Prediger (1981), weighted as Gwet: p_e = T_w / q^2.
- Conger (1980), missing data as Gwet: p_gk = (ratings of coder g in k) / (units g rated);
  p_e = sum_kl w_kl (pbar_k pbar_l - s2_kl / r), s2_kl the sample covariance of p_gk, p_gl over coders.
"""

from __future__ import annotations


def _rated(units):
    return [[v for v in unit if v is not None] for unit in units if any(v is not None for v in unit)]


def percent(units, cats, w):
    total, n2 = 0.0, 0
    for values in _rated(units):
        r = len(values)
        if r < 2:
            continue
        n2 += 1
        s = 0.0
        for k in cats:
            r_k = sum(1 for v in values if v == k)
            r_star = sum(w[cats.index(k)][cats.index(l)] * sum(1 for v in values if v == l) for l in cats)
            s += r_k * (r_star - 1)
        total += s / (r * (r - 1))
    return total / n2 if n2 else None


def _pi(units, cats):
    rated = _rated(units)
    if not rated:
        return [0.0 for _ in cats]
    return [sum(sum(1 for v in values if v == k) / len(values) for values in rated) / len(rated) for k in cats]


def _kappa(pa, pe):
    if pa is None or pe >= 1 - 1e-12:
        return None
    return (pa - pe) / (1 - pe)


def fleiss(units, cats, w):
    pi = _pi(units, cats)
    pe = sum(w[a][b] * pi[a] * pi[b] for a in range(len(cats)) for b in range(len(cats)))
    return _kappa(percent(units, cats, w), pe)


def ac(units, cats, q, w):
    pi = _pi(units, cats)
    t_w = sum(sum(row) for row in w) + (q - len(cats))
    pe = t_w / (q * (q - 1)) * sum(p * (1 - p) for p in pi)
    return _kappa(percent(units, cats, w), pe)


def bp(units, cats, q, w):
    t_w = sum(sum(row) for row in w) + (q - len(cats))
    return _kappa(percent(units, cats, w), t_w / q ** 2)


def conger(units, cats, w):
    coders = range(len(units[0]))
    p = []
    for g in coders:
        mine = [unit[g] for unit in units if unit[g] is not None]
        if mine:
            p.append([sum(1 for v in mine if v == k) / len(mine) for k in cats])
    r = len(p)
    if r < 2:
        return None
    k = len(cats)
    pbar = [sum(p[g][a] for g in range(r)) / r for a in range(k)]
    pe = 0.0
    for a in range(k):
        for b in range(k):
            s2 = sum((p[g][a] - pbar[a]) * (p[g][b] - pbar[b]) for g in range(r)) / (r - 1)
            pe += w[a][b] * (pbar[a] * pbar[b] - s2 / r)
    return _kappa(percent(units, cats, w), pe)
