"""How places are written in every layer's answers."""

# A district's LGD code: a whole number, or missing for the few districts without one
# (pandas' nullable integers, so that one missing code never turns 623 into 623.0).
LGD_CODE = "Int64"
