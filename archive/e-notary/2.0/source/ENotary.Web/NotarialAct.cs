namespace ENotary.Web
{
    /// <summary>Нотариальное действие, зарегистрированное в реестре.</summary>
    public sealed class NotarialAct
    {
        public string Number { get; set; }
        public string NotaryLicense { get; set; }
        public string Kind { get; set; }
        public System.DateTime RegisteredAt { get; set; }
    }
}
