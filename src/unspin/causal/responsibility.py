"""Degree of responsibility and degree of blame (Chockler & Halpern 2004).

Source: H. Chockler and J. Y. Halpern, "Responsibility and Blame: A
Structural-Model Approach", *Journal of Artificial Intelligence Research* 22
(2004) 93–115.  Actual causes follow the original Halpern–Pearl definition
(Halpern & Pearl, "Causes and Explanations: A Structural-Model Approach",
UAI 2001), which is the one that paper builds on.

**The models handled here** are flat: a set of boolean variables, each set by
the context (exogenous-style inputs), feeding one boolean outcome φ.  There
are no intermediate variables, so the Halpern–Pearl clause "for every subset
Z′ of the other variables reset to their actual values" is vacuous: the
variables outside the contingency keep their actual values anyway.

**Degree of responsibility** of X = x for φ: 0 when X = x is not an actual
cause of φ under any contingency; otherwise 1/(k+1), where k is the fewest
other variables whose values must be changed (the contingency W ← w′) so that

* AC2(b): with the contingency and X = x, φ still holds, and
* AC2(a): with the contingency and X flipped, φ no longer holds,

that is, so that φ counterfactually depends on X.  AC1 requires φ to hold in
the actual world; if it does not, the degree is 0 (to ask about ¬φ, pass
``lambda v: not phi(v)``).  AC3 (minimality) is trivial for one variable.

**Degree of blame** of the action X ← x relative to an epistemic state
(K, Pr): the expected degree of responsibility Σ Pr(M, u) · dr((M_{X←x}, u),
X = x, φ) over the situations K the agent considered possible *before*
acting (paper, Definition 3.4).

**Limits.**

* Brute force: contingencies are tried by increasing size, so the cost is
  Σ_{j≤k} C(n−1, j) evaluations of φ for n variables, exponential in the
  worst case (2^(n−1) when X is no cause at all).  At most
  :data:`MAX_CONTINGENCIES` contingencies are tried before a ``ValueError``;
  ``max_k`` caps the contingency size (a 0 then only means "not within
  ``max_k`` changes").
* Boolean variables only; no intermediate variables or structural equations
  between inputs; one variable X at a time (no sets of causes).
* The later "updated" (Halpern & Pearl 2005) and "modified" (Halpern 2015)
  definitions add conditions on subsets of W; on non-monotone outcomes they
  can give a different, larger k.  They are not implemented.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from itertools import combinations
from typing import NamedTuple

__all__ = [
    "MAX_CONTINGENCIES",
    "Outcome",
    "Situation",
    "chain_responsibility",
    "degree_of_blame",
    "degree_of_responsibility",
    "minimal_contingency",
]

#: An outcome φ: a boolean function of the variables' values.
Outcome = Callable[[Mapping[str, bool]], bool]

#: Most contingencies one search may try (2**20, about a second of a simple φ).
MAX_CONTINGENCIES = 1 << 20


class Situation(NamedTuple):
    """A causal setting (M, u) of the flat kind this module handles: φ and the actual values."""

    outcome: Outcome
    actual: Mapping[str, bool]


def _check_max_k(max_k: int | None) -> None:
    if max_k is not None and (isinstance(max_k, bool) or not isinstance(max_k, int) or max_k < 0):
        raise ValueError(f"max_k must be a whole number >= 0 or None, not {max_k!r}")


def _checked_values(actual: Mapping[str, bool], variable: str) -> dict[str, bool]:
    values = dict(actual)
    for name, value in values.items():
        if not isinstance(value, bool):
            raise ValueError(f"variable {name!r} has value {value!r}; every value must be True or False")
    if variable not in values:
        known = ", ".join(sorted(map(str, values))) or "none"
        raise ValueError(f"unknown variable {variable!r}; the model's variables are: {known}")
    return values


def _holds(outcome: Outcome, values: Mapping[str, bool]) -> bool:
    result = outcome(values)
    # A non-bool (None, a count) usually means φ was written wrongly; truthiness would hide it.
    if not isinstance(result, bool):
        raise TypeError(f"the outcome function must return True or False, not {result!r}")
    return result


def minimal_contingency(
    outcome: Outcome,
    actual: Mapping[str, bool],
    variable: str,
    *,
    max_k: int | None = None,
) -> frozenset[str] | None:
    """The smallest set of other variables to flip so that φ depends on ``variable``; None if none.

    The empty set means X = x is a but-for cause of φ.  Among contingencies of
    the same size the first in sorted name order is returned.  None when φ
    does not hold actually (AC1 fails) or no contingency of at most ``max_k``
    variables makes φ depend on X.  See the module docstring for the
    conditions (Chockler & Halpern 2004; Halpern & Pearl 2001, AC2) and the
    cost; raises ``ValueError`` for an unknown variable, non-boolean values,
    a bad ``max_k`` or a search longer than :data:`MAX_CONTINGENCIES`, and
    ``TypeError`` when ``outcome`` returns something other than a bool.
    """
    _check_max_k(max_k)
    values = _checked_values(actual, variable)
    if not _holds(outcome, values):
        return None
    others = sorted(name for name in values if name != variable)
    largest = len(others) if max_k is None else min(max_k, len(others))
    x = values[variable]
    tried = 0
    for size in range(largest + 1):
        for flipped in combinations(others, size):
            tried += 1
            if tried > MAX_CONTINGENCIES:
                raise ValueError(
                    f"responsibility of {variable!r}: more than {MAX_CONTINGENCIES} contingencies to try "
                    f"among {len(others)} other variables (reached size {size}); pass a smaller max_k"
                )
            world = dict(values)
            for name in flipped:
                world[name] = not world[name]
            if not _holds(outcome, world):  # AC2(b): the contingency alone must not undo φ
                continue
            world[variable] = not x
            if not _holds(outcome, world):  # AC2(a): now flipping X undoes φ
                return frozenset(flipped)
    return None


def degree_of_responsibility(
    outcome: Outcome,
    actual: Mapping[str, bool],
    variable: str,
    *,
    max_k: int | None = None,
) -> Fraction:
    """Chockler & Halpern's degree of responsibility of ``variable`` = its actual value for φ.

    Fraction(1, k+1) for the smallest contingency size k (see
    :func:`minimal_contingency`), Fraction(0) when X is not a cause of φ under
    any contingency.  Cost: up to Σ_{j≤k} C(n−1, j) evaluations of
    ``outcome`` for n variables — exponential; at most
    :data:`MAX_CONTINGENCIES` contingencies are tried.  With ``max_k`` a 0
    only says that no contingency of at most ``max_k`` changes works: the true
    degree is then below 1/(max_k+1).

    Example (the paper's 11-voter majority vote, won 11–0): each voter must
    have 5 others change their vote before theirs decides, so each has
    responsibility 1/6; in a 6–5 win each winning voter has 1.
    """
    contingency = minimal_contingency(outcome, actual, variable, max_k=max_k)
    return Fraction(0) if contingency is None else Fraction(1, len(contingency) + 1)


def chain_responsibility(links: int, alternatives: int = 0, *, alternatives_active: bool = True) -> Fraction:
    """Responsibility of the blamed actor's first link in a blame chain, as unspin reads a chain.

    The model: ``links`` boolean variables, each one step of the chain that
    must hold for the outcome to come about by this path, and
    ``alternatives`` boolean variables, other causes named in the text, each
    sufficient on its own; φ = (every link holds) or (any alternative holds).
    Actually every link holds and each alternative holds iff
    ``alternatives_active``.  The answer is
    :func:`degree_of_responsibility` of the first link on that model (not a
    shortcut formula): 1 with no present alternative, 1/(n+1) with n present
    ones (each must be switched off before the chain decides the outcome).
    Every link of the chain gets the same degree.

    Limits: links are boolean and necessary (a link that only makes the
    outcome likelier is not modelled); how well each link is supported
    (sourced, asserted, hedged…) is a separate matter, reported as the chain's
    strength, not folded in here; alternatives are present-or-absent and
    sufficient, not partial; no probabilities — for blame over what the actor
    could have known, see :func:`degree_of_blame`.  The search tries at most
    :data:`MAX_CONTINGENCIES` contingencies, which bounds ``links +
    alternatives`` to about 20 when many alternatives are present
    (``ValueError`` beyond).
    """
    for name, count, least in (("links", links, 1), ("alternatives", alternatives, 0)):
        if isinstance(count, bool) or not isinstance(count, int) or count < least:
            raise ValueError(f"{name} must be a whole number >= {least}, not {count!r}")
    link_names = [f"link_{i + 1}" for i in range(links)]
    alternative_names = [f"alternative_{i + 1}" for i in range(alternatives)]
    actual = {name: True for name in link_names} | {name: alternatives_active for name in alternative_names}

    def outcome(values: Mapping[str, bool]) -> bool:
        return all(values[n] for n in link_names) or any(values[n] for n in alternative_names)

    # Switching every alternative off always works, so k <= alternatives: the cap loses nothing.
    return degree_of_responsibility(outcome, actual, link_names[0], max_k=alternatives)


def degree_of_blame(
    epistemic_state: Iterable[tuple[Fraction | int, Situation]],
    variable: str,
    value: bool = True,
    *,
    max_k: int | None = None,
) -> Fraction:
    """Chockler & Halpern's degree of blame of the action ``variable`` ← ``value`` (Definition 3.4).

    ``epistemic_state`` lists (probability, situation) pairs: what the agent
    considered possible, and how likely, before acting.  The degree is the
    expected degree of responsibility, Σ Pr · dr, where each situation's
    ``variable`` is first set to ``value`` (the action) and the other values
    are as the situation says.  Probabilities must be exact (``Fraction`` or
    ``int``; write ``Fraction("0.3")`` for a decimal), each in [0, 1], summing
    to exactly 1; every situation must have ``variable``.  Same cost and
    limits as :func:`degree_of_responsibility`, once per situation.
    """
    _check_max_k(max_k)
    pairs = list(epistemic_state)
    if not pairs:
        raise ValueError("the epistemic state is empty; give at least one (probability, situation) pair")
    total = Fraction(0)
    blame = Fraction(0)
    for i, (probability, situation) in enumerate(pairs):
        if isinstance(probability, bool) or not isinstance(probability, Fraction | int):
            raise ValueError(
                f"situation {i}: probability {probability!r} must be a Fraction or int, e.g. Fraction('0.3')"
            )
        if not 0 <= probability <= 1:
            raise ValueError(f"situation {i}: probability {probability} is outside [0, 1]")
        total += probability
        acted = _checked_values(situation.actual, variable)
        acted[variable] = value
        blame += probability * degree_of_responsibility(situation.outcome, acted, variable, max_k=max_k)
    if total != 1:
        raise ValueError(f"the probabilities sum to {total}, not 1")
    return blame
