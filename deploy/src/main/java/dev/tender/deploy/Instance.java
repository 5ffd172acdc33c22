package dev.tender.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One unikernel service: what {@code /etc/tender/NAME.conf} describes. Every value is checked when the record
 * is made, so that what ends up in the configuration file is a plain word that the unit's command lines can
 * split on white space without quoting or variable expansion getting in the way.
 *
 * @param name      instance name: {@code tender@NAME.service}
 * @param image     absolute path of the image
 * @param kind      the tender that runs it ({@code tender hvt} or {@code tender spt}), from its ABI note
 * @param memMb     guest memory in MiB ({@code --mem})
 * @param nets      NET devices and the TAP interfaces they attach to (created by the unit)
 * @param blocks    BLOCK devices and their backing files
 * @param tapAddresses host-side addresses given to the TAPs (the guest's gateway, usually)
 * @param args      the guest's command line, word by word
 * @param memoryMax the unit's MemoryMax= ({@code 288M}); null: guest memory plus {@link #JVM_OVERHEAD_MB}
 */
public record Instance(String name, Path image, ServiceImage.Kind kind, int memMb, List<Net> nets, List<Block> blocks,
        List<TapAddress> tapAddresses, List<String> args, String memoryMax) {

    /** Memory the JVM running tender needs besides the guest: heap (-Xmx64m), code cache, metaspace, stacks. */
    public static final int JVM_OVERHEAD_MB = 256;
    public static final int DEFAULT_MEM_MB = 512;
    /** The tender option of a NET device in {@link #deviceOptions}: {@code --net:DEVICE=TAP}. */
    public static final String NET_OPTION = "--net:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_]{1,67}");
    private static final Pattern TAP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    private static final Pattern CIDR = Pattern.compile("(" + OCTET + ")(\\.(" + OCTET + ")){3}/([0-9]|[12][0-9]|3[0-2])");
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,9}[KMGT]?");
    /** Characters that would need quoting or be expanded somewhere between the file and the guest. */
    private static final Pattern UNSAFE = Pattern.compile("[\\s\"'\\\\$\\p{Cntrl}]");

    /** {@code --net:DEVICE=TAP}, and {@code --net-mac:DEVICE=MAC} when {@code mac} is not null. */
    public record Net(String device, String tap, String mac) {
        public Net {
            require(DEVICE.matcher(device).matches(), "invalid device name '" + device + "'");
            require(TAP.matcher(tap).matches() && !tap.equals("..") && !tap.equals("."),
                    "invalid TAP interface name '" + tap + "' (at most 15 of A-Z a-z 0-9 _ . -)");
            require(mac == null || MAC.matcher(mac).matches(), "invalid MAC address '" + mac + "'");
        }

        /** {@code DEVICE=TAP}. */
        public static Net parse(String spec) {
            String[] kv = split(spec, "--net");
            return new Net(kv[0], kv[1], null);
        }

        public Net withMac(String newMac) {
            return new Net(device, tap, newMac);
        }
    }

    /** {@code --block:DEVICE=FILE}. */
    public record Block(String device, Path file) {
        public Block {
            require(DEVICE.matcher(device).matches(), "invalid device name '" + device + "'");
            require(file.isAbsolute(), "block file must be an absolute path: " + file);
            requireWord(file.toString(), "block file");
        }

        /** {@code DEVICE=FILE}; FILE is made absolute. */
        public static Block parse(String spec) {
            String[] kv = split(spec, "--block");
            return new Block(kv[0], Path.of(kv[1]).toAbsolutePath().normalize());
        }
    }

    /** An address for the host's end of a TAP ({@code ip addr replace CIDR dev TAP}). */
    public record TapAddress(String tap, String cidr) {
        public TapAddress {
            require(TAP.matcher(tap).matches(), "invalid TAP interface name '" + tap + "'");
            require(CIDR.matcher(cidr).matches(), "invalid address '" + cidr + "' (expected A.B.C.D/PREFIX)");
        }

        /** {@code TAP=A.B.C.D/PREFIX}. */
        public static TapAddress parse(String spec) {
            String[] kv = split(spec, "--tap-address");
            return new TapAddress(kv[0], kv[1]);
        }
    }

    public Instance {
        require(name != null && NAME.matcher(name).matches(),
                "invalid instance name '" + name + "' (up to 64 of A-Z a-z 0-9 _ . -, starting with a letter or digit)");
        require(image != null && image.isAbsolute(), "the image must be an absolute path");
        requireWord(image.toString(), "image path");
        require(kind != null, "the tender kind (hvt or spt) must be known");
        require(memMb >= 2 && memMb <= 4096, "--mem must be between 2 and 4096 MiB");
        nets = List.copyOf(nets);
        blocks = List.copyOf(blocks);
        tapAddresses = List.copyOf(tapAddresses);
        args = List.copyOf(args);
        for (int i = 0; i < nets.size(); i++) {
            for (int j = 0; j < i; j++) {
                require(!nets.get(i).device().equals(nets.get(j).device()), "device " + nets.get(i).device() + " given twice");
                require(!nets.get(i).tap().equals(nets.get(j).tap()), "TAP " + nets.get(i).tap() + " given twice");
            }
        }
        for (TapAddress a : tapAddresses) {
            require(nets.stream().anyMatch(n -> n.tap().equals(a.tap())),
                    "--tap-address for " + a.tap() + ", which no --net uses");
        }
        for (String a : args) {
            requireWord(a, "guest argument");
        }
        require(memoryMax == null || SIZE.matcher(memoryMax).matches(),
                "invalid memory limit '" + memoryMax + "' (bytes, or a number with K, M, G or T)");
    }

    /** The unit's MemoryMax= value. */
    public String effectiveMemoryMax() {
        return memoryMax != null ? memoryMax : (memMb + JVM_OVERHEAD_MB) + "M";
    }

    /** {@code tender@NAME.service}. */
    public String unitName() {
        return unitName(name);
    }

    /** Where instance {@code name}'s hvt tender serves its statistics (the unit's RuntimeDirectory). */
    public static String statsSocket(String name) {
        return "/run/tender/" + name + "/stats.sock";
    }

    public static String unitName(String name) {
        require(name != null && NAME.matcher(name).matches(), "invalid instance name '" + name + "'");
        return "tender@" + name + ".service";
    }

    /** The tender options for the devices, in order: {@code --net:…}, {@code --net-mac:…}, {@code --block:…}. */
    public List<String> deviceOptions() {
        ArrayList<String> out = new ArrayList<>();
        for (Net n : nets) {
            out.add(NET_OPTION + n.device() + "=" + n.tap());
            if (n.mac() != null) {
                out.add("--net-mac:" + n.device() + "=" + n.mac());
            }
        }
        for (Block b : blocks) {
            out.add("--block:" + b.device() + "=" + b.file());
        }
        return out;
    }

    private static String[] split(String spec, String option) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new DeployException(option + " expects NAME=VALUE, got '" + spec + "'");
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }

    static void requireWord(String s, String what) {
        require(!s.isEmpty() && !UNSAFE.matcher(s).find(),
                what + " '" + s + "' must be one word without quotes, $ or backslashes");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new DeployException(message);
        }
    }
}
