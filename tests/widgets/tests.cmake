# SPDX-License-Identifier: GPL-3.0-or-later
pluvia_add_test(test_dataset_list_widget SOURCES test_dataset_list_widget.cpp LIBS pluvia_widgets)
