// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/runtime.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace pluvia::models;

TEST(Runtime, ConfigureThreadsUsesAvailableCores)
{
    EXPECT_EQ(configureThreads(1), 1);
    EXPECT_EQ(torch::get_num_threads(), 1);
    EXPECT_EQ(configureThreads(0), availableCores());
    EXPECT_GE(availableCores(), 1);
}

TEST(Runtime, DeviceChecks)
{
    EXPECT_EQ(checkDevice("cpu"), "");
    EXPECT_NE(checkDevice("banana").find("not a device"), std::string::npos);
    const auto devices = availableDevices();
    ASSERT_FALSE(devices.empty());
    EXPECT_EQ(devices.front().name, "cpu");
    if (!torch::cuda::is_available()) {
        const auto message = checkDevice("cuda");
        EXPECT_NE(message.find("CUDA"), std::string::npos) << message;
        EXPECT_EQ(devices.size(), 1u);
    } else {
        EXPECT_EQ(checkDevice("cuda:0"), "");
        EXPECT_NE(checkDevice("cuda:99"), "");
    }
}
