package dev.tender.it;

/** {@link WwwArm64TestBase} with the aarch64 www.spt. */
class WwwArm64SptTest extends WwwArm64TestBase {
    @Override
    String kind() {
        return "spt";
    }
}
