"""India's official geography: states, districts, their names and map shapes.

`tables` is what the product imports; `build` regenerates the files it reads.
"""
