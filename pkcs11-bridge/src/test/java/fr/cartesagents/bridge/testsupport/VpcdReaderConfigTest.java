package fr.cartesagents.bridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class VpcdReaderConfigTest {

    @Test
    void whenDebiansVpcdEntryIsRead_thenTheReaderNamesAndPortFollow() {
        String debian = """
                # Gemalto reader with serial communication
                #FRIENDLYNAME      "GemPCTwin serial"
                #LIBPATH           /usr/lib/pcsc/drivers/serial/libccidtwin.so
                FRIENDLYNAME "Virtual PCD"
                DEVICENAME   /dev/null:0x8C7B
                LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
                CHANNELID    0x8C7B
                """;

        VpcdReaderConfig config = VpcdReaderConfig.parse(debian).orElseThrow();

        assertThat(config.firstReaderName()).isEqualTo("Virtual PCD 00 00");
        assertThat(config.secondReaderName()).isEqualTo("Virtual PCD 00 01");
        assertThat(config.port()).isEqualTo(35963);
        assertThat(config.driver()).isEqualTo(Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"));
    }

    @Test
    void whenTheEntryIsNotVpcd_thenItIsIgnored() {
        assertThat(VpcdReaderConfig.parse("FRIENDLYNAME \"GemPCTwin serial\"\nLIBPATH /usr/lib/libccidtwin.so\n")).isEmpty();
    }
}
