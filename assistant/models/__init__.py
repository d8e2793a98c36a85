"""Offline model provisioning (``provision``) and the specs of the models we ship (``catalog``)."""
