package dev.tender.it;

/** {@link WwwArm64TestBase} with the aarch64 www.hvt. */
class WwwArm64HvtTest extends WwwArm64TestBase {
    @Override
    String kind() {
        return "hvt";
    }
}
