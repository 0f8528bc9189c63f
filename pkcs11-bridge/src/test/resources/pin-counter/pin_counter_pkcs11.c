/*
 * A PKCS#11 module placed in front of SoftHSM2 for tests: it adds what SoftHSM2 lacks and every
 * smart card has, a retry counter on the user PIN (3 tries) and on the SO PIN / unblock code
 * (10 tries), reported through the standard token flags (COUNT_LOW, FINAL_TRY, LOCKED) and enforced
 * with CKR_PIN_LOCKED. It also lets a test pull the card out: while the file <serial>.removed exists
 * in the state directory, calls on that token fail with CKR_DEVICE_REMOVED / CKR_TOKEN_NOT_PRESENT.
 *
 * Every other call goes straight to SoftHSM2. Counters live in files named after the token serial in
 * STATE_DIR, so that they survive across processes exactly like a card's. Built by the test fixture:
 *   cc -shared -fPIC -DTARGET_MODULE='"/usr/lib/softhsm/libsofthsm2.so"' -DSTATE_DIR='"/tmp/x"' ...
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <p11-kit/pkcs11.h>

#define USER_TRIES 3
#define SO_TRIES 10

static CK_FUNCTION_LIST real;
static CK_FUNCTION_LIST mine;
static int loaded;

static void serial_of_slot(CK_SLOT_ID slot, char *serial) {
    CK_TOKEN_INFO info;
    serial[0] = 0;
    if (real.C_GetTokenInfo(slot, &info) != CKR_OK) return;
    int n = 16;
    while (n > 0 && (info.serialNumber[n - 1] == ' ' || info.serialNumber[n - 1] == 0)) n--;
    memcpy(serial, info.serialNumber, n);
    serial[n] = 0;
}

static void serial_of_session(CK_SESSION_HANDLE session, char *serial) {
    CK_SESSION_INFO info;
    serial[0] = 0;
    if (real.C_GetSessionInfo(session, &info) == CKR_OK) serial_of_slot(info.slotID, serial);
}

static void state_file(const char *serial, const char *kind, char *path) {
    snprintf(path, 512, "%s/%s.%s", STATE_DIR, serial, kind);
}

static int removed(const char *serial) {
    char path[512];
    if (!serial[0]) return 0;
    state_file(serial, "removed", path);
    return access(path, F_OK) == 0;
}

static int tries_left(const char *serial, const char *kind, int max) {
    char path[512];
    int tries = max;
    state_file(serial, kind, path);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%d", &tries) != 1) tries = max;
        fclose(f);
    }
    return tries;
}

static void set_tries(const char *serial, const char *kind, int tries) {
    char path[512];
    state_file(serial, kind, path);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%d\n", tries);
        fclose(f);
    }
}

/* Spends a try on a wrong secret, restores them all on a right one. */
static CK_RV counted(const char *serial, const char *kind, int max, CK_RV rv) {
    if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE) {
        int tries = tries_left(serial, kind, max) - 1;
        set_tries(serial, kind, tries < 0 ? 0 : tries);
        return CKR_PIN_INCORRECT;
    }
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) set_tries(serial, kind, max);
    return rv;
}

static CK_RV my_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    CK_RV rv = real.C_GetTokenInfo(slot, info);
    if (rv != CKR_OK) return rv;
    char serial[17];
    serial_of_slot(slot, serial);
    if (removed(serial)) return CKR_TOKEN_NOT_PRESENT;
    if (!(info->flags & CKF_TOKEN_INITIALIZED)) return rv;
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED
                     | CKF_SO_PIN_COUNT_LOW | CKF_SO_PIN_FINAL_TRY | CKF_SO_PIN_LOCKED);
    int user = tries_left(serial, "user", USER_TRIES);
    int so = tries_left(serial, "so", SO_TRIES);
    if (user < USER_TRIES) info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (user == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (user == 0) info->flags |= CKF_USER_PIN_LOCKED;
    if (so < SO_TRIES) info->flags |= CKF_SO_PIN_COUNT_LOW;
    if (so == 1) info->flags |= CKF_SO_PIN_FINAL_TRY;
    if (so == 0) info->flags |= CKF_SO_PIN_LOCKED;
    return rv;
}

static CK_RV my_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR session) {
    char serial[17];
    serial_of_slot(slot, serial);
    if (removed(serial)) return CKR_TOKEN_NOT_PRESENT;
    return real.C_OpenSession(slot, flags, app, notify, session);
}

static CK_RV my_Login(CK_SESSION_HANDLE session, CK_USER_TYPE type, CK_UTF8CHAR_PTR pin, CK_ULONG length) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    const char *kind = type == CKU_SO ? "so" : "user";
    int max = type == CKU_SO ? SO_TRIES : USER_TRIES;
    if (tries_left(serial, kind, max) == 0) return CKR_PIN_LOCKED;
    return counted(serial, kind, max, real.C_Login(session, type, pin, length));
}

static CK_RV my_SetPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR old_pin, CK_ULONG old_length,
                       CK_UTF8CHAR_PTR new_pin, CK_ULONG new_length) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    /* logged in as security officer, C_SetPIN changes the SO PIN (the unblock code): its own counter */
    CK_SESSION_INFO info;
    int so = real.C_GetSessionInfo(session, &info) == CKR_OK && info.state == CKS_RW_SO_FUNCTIONS;
    const char *kind = so ? "so" : "user";
    int max = so ? SO_TRIES : USER_TRIES;
    if (tries_left(serial, kind, max) == 0) return CKR_PIN_LOCKED;
    CK_RV rv = real.C_SetPIN(session, old_pin, old_length, new_pin, new_length);
    /* a new PIN of the wrong length is a policy refusal, not a wrong current PIN */
    if (rv == CKR_PIN_LEN_RANGE) return rv;
    return counted(serial, kind, max, rv);
}

static CK_RV my_InitPIN(CK_SESSION_HANDLE session, CK_UTF8CHAR_PTR pin, CK_ULONG length) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    CK_RV rv = real.C_InitPIN(session, pin, length);
    if (rv == CKR_OK) set_tries(serial, "user", USER_TRIES);
    return rv;
}

static CK_RV my_FindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR template, CK_ULONG count) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    return real.C_FindObjectsInit(session, template, count);
}

static CK_RV my_SignInit(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    return real.C_SignInit(session, mechanism, key);
}

static CK_RV my_GenerateKeyPair(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism,
                                CK_ATTRIBUTE_PTR public_template, CK_ULONG public_count,
                                CK_ATTRIBUTE_PTR private_template, CK_ULONG private_count,
                                CK_OBJECT_HANDLE_PTR public_key, CK_OBJECT_HANDLE_PTR private_key) {
    char serial[17];
    serial_of_session(session, serial);
    if (removed(serial)) return CKR_DEVICE_REMOVED;
    return real.C_GenerateKeyPair(session, mechanism, public_template, public_count, private_template, private_count,
                                  public_key, private_key);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (!loaded) {
        void *library = dlopen(TARGET_MODULE, RTLD_NOW | RTLD_LOCAL);
        if (!library) return CKR_GENERAL_ERROR;
        CK_C_GetFunctionList get = (CK_C_GetFunctionList) dlsym(library, "C_GetFunctionList");
        CK_FUNCTION_LIST_PTR target;
        if (!get || get(&target) != CKR_OK) return CKR_GENERAL_ERROR;
        real = *target;
        mine = *target;
        mine.C_GetTokenInfo = my_GetTokenInfo;
        mine.C_OpenSession = my_OpenSession;
        mine.C_Login = my_Login;
        mine.C_SetPIN = my_SetPIN;
        mine.C_InitPIN = my_InitPIN;
        mine.C_FindObjectsInit = my_FindObjectsInit;
        mine.C_SignInit = my_SignInit;
        mine.C_GenerateKeyPair = my_GenerateKeyPair;
        loaded = 1;
    }
    *list = &mine;
    return CKR_OK;
}
