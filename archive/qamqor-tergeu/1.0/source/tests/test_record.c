#include "record.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    struct qamqor_record r;
    assert(qamqor_parse("2022-71-0000123;71;2022-10-03;O\n", &r) == 0);
    assert(strcmp(r.number, "2022-71-0000123") == 0 && r.status == 'O');
    assert(qamqor_parse("2022-71-000012;71;2022-10-03;O", &r) == 1);
    assert(qamqor_parse("2022-71-0000123;75;2022-10-03;O", &r) == 2);
    assert(qamqor_parse("2022-71-0000123;71;2021-10-03;O", &r) == 3);
    assert(qamqor_parse("2022-71-0000123;71;2022-13-03;O", &r) == 3);
    assert(qamqor_parse("2022-71-0000123;71;2022-10-03;X", &r) == 4);
    assert(qamqor_parse("2022-71-0000123;71", &r) == 2);
    puts("test_record: 8 passed, 0 failed");
    return 0;
}
