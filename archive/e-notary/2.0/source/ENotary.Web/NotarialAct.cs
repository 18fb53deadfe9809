namespace ENotary.Web
{
    using System;

    /// <summary>Нотариальное действие, зарегистрированное в реестре.</summary>
    /// <remarks>После подписания ЭЦП запись не изменяется; исправления — новой записью.</remarks>
    public sealed class NotarialAct
    {
        /// <summary>Номер в реестре: ГГГГ-NNNNNNN.</summary>
        public string Number { get; set; }

        /// <summary>Номер лицензии нотариуса.</summary>
        public string NotaryLicense { get; set; }

        /// <summary>Вид действия: доверенность, договор, свидетельство и т. д.</summary>
        public string Kind { get; set; }

        /// <summary>ИИН лица, обратившегося за совершением действия.</summary>
        public string ApplicantIin { get; set; }

        public DateTime RegisteredAt { get; set; }

        /// <summary>Отменено ли действие (отмена доверенности и т. п.).</summary>
        public bool Revoked { get; set; }
    }
}
