"""The default plan set: Tianjin's plans as its 2021 Government Work Report tells them.

The data are the ``*.toml`` files beside this module; the module exists so the
folder ships inside the wheel and can be found with importlib.resources.
"""
